# The production image: one image for web, worker and beat.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=portal.settings.production
# Pango and the Noto fonts (Latin, Cyrillic, Arabic, Chinese) for the compilations' PDF (WeasyPrint).
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    fonts-noto-core fonts-noto-cjk && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home portal
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN SECRET_KEY=build ALLOWED_HOSTS=build DATABASE_URL=sqlite:////tmp/build.db python manage.py collectstatic --noinput \
    && mkdir -p /app/media /app/private_media && chown -R portal /app/media /app/private_media
USER portal
EXPOSE 8000
CMD ["gunicorn", "--config", "gunicorn.conf.py", "portal.wsgi:application"]
