# syntax=docker/dockerfile:1
#
# One file builds every image of a topology; the build argument TAGS picks
# what the binary links (see the README, "Splitting a module out"):
#
#   docker build -t jubako .                                        # the monolith
#   docker build --build-arg TAGS=split_payment -t jubako-front .   # the monolith without payment
#   docker build --build-arg TAGS=only_payment -t jubako-payment .  # payment alone
#
# `jubako deploy render` prints the command for each service of a topology.

ARG GO_VERSION=1.26

FROM golang:${GO_VERSION} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
ARG TAGS=""
# A static binary (no cgo: the SQLite driver is pure Go), and the working
# directory the final image runs in, owned by its non-root user.
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -buildvcs=false -ldflags="-s -w" -tags "${TAGS}" \
      -o /out/jubako ./cmd/jubako \
 && mkdir -p /out/home/data

# distroless: CA certificates and time zones, no shell, runs as 65532.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/jubako /usr/local/bin/jubako
COPY --from=build --chown=65532:65532 /out/home /var/lib/jubako
WORKDIR /var/lib/jubako
USER 65532:65532
ENV JUBAKO_HTTP_ADDR=:8080
EXPOSE 8080
# No curl in the image: the binary checks its own /healthz.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["/usr/local/bin/jubako", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/jubako"]
CMD ["serve"]
