FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY domain domain
COPY projections projections
COPY infra infra
COPY api api
RUN pip install --no-cache-dir . && useradd --system ipps
USER ipps
ENV IPPS_HOST=0.0.0.0 IPPS_PORT=8000 IPPS_LOG_FORMAT=json
EXPOSE 8000
CMD ["ipps", "serve", "--no-projections"]
