# The production image: gunicorn serving thidua, static files collected at build time and
# served by WhiteNoise. Configuration comes from the environment (see .env.example).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint (PDF reports) needs Pango and HarfBuzz; documents are set in Tinos (fonts-croscore):
# Times-metric, with every Vietnamese glyph. The same list is in thidua/core/systemdeps.py.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-croscore \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 thidua
WORKDIR /app

COPY . .
# xstatic-bootstrap ships only an sdist that imports pkg_resources (gone in setuptools 81).
RUN printf 'setuptools<81\n' > /tmp/build-constraints.txt \
    && pip install --upgrade pip \
    && PIP_BUILD_CONSTRAINT=/tmp/build-constraints.txt pip install . \
    && rm /tmp/build-constraints.txt

RUN DEBUG=False SECRET_KEY=collectstatic-only-not-a-secret \
        python manage.py collectstatic --noinput \
    && mkdir -p /app/media \
    && chown thidua:thidua /app/media

USER thidua
EXPOSE 8000
CMD ["gunicorn", "thidua.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
