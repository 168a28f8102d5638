#!/bin/sh
# task k8s:deploy: build the image, load it into kind, install or upgrade the chart
# (migrations run first, as a hook), wait for the rollout and check /ready through the Ingress.
set -eu
cd "$(dirname "$0")/../.."

docker build -f docker/Dockerfile -t rookery:dev .
kind load docker-image rookery:dev --name rookery

kubectl create namespace rookery --dry-run=client -o yaml | kubectl apply -f -
helm upgrade --install rookery helm/rookery --namespace rookery \
  -f helm/rookery/values-kind.yaml ${HELM_EXTRA_ARGS:-} --wait --timeout 10m

curl -fsS --retry 10 --retry-delay 3 --retry-all-errors http://localhost/ready
echo
echo "Rookery is running at http://localhost/"
