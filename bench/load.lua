-- wrk's script for `make bench`: one page, or a list of paths (BENCH_PATHS, one per line) that the threads
-- share without requesting a path twice (past the end of the list each path gets a `lap` parameter, so
-- every URL stays new to the cache); a Cookie header (BENCH_COOKIE) for a signed-in session. Counts the
-- answers other than 200 (a redirect to the login page is a failure here) and prints one JSON line.
local threads = {}
local created = 0

function setup(thread)
   created = created + 1
   thread:set("id", created)
   table.insert(threads, thread)
end

function init(args)
   not_ok = 0
   paths = {}
   local file = os.getenv("BENCH_PATHS")
   if file and file ~= "" then
      for line in io.lines(file) do
         if line ~= "" then paths[#paths + 1] = line end
      end
   end
   cookie = os.getenv("BENCH_COOKIE")
   stride = tonumber(os.getenv("BENCH_THREADS") or "1")
   next_index = id - 1
end

function request()
   local headers = {}
   if cookie and cookie ~= "" then headers["Cookie"] = cookie end
   if #paths == 0 then
      return wrk.format("GET", nil, headers)
   end
   local path = paths[next_index % #paths + 1]
   local lap = math.floor(next_index / #paths)
   if lap > 0 then
      path = path .. (path:find("?", 1, true) and "&" or "?") .. "lap=" .. lap
   end
   next_index = next_index + stride
   return wrk.format("GET", path, headers)
end

function response(status, headers, body)
   if status ~= 200 then not_ok = not_ok + 1 end
end

function done(summary, latency, requests)
   local failed = 0
   for _, thread in ipairs(threads) do failed = failed + thread:get("not_ok") end
   local errors = summary.errors
   io.write(string.format(
      'BENCH {"requests": %d, "seconds": %.3f, "p50": %.3f, "p95": %.3f, "p99": %.3f, "max": %.3f, ' ..
      '"not_ok": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\n',
      summary.requests, summary.duration / 1e6,
      latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, failed, errors.connect, errors.read, errors.write, errors.timeout))
end
