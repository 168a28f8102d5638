#!/bin/sh
# task k8s:up: a local kind cluster running Rookery behind ingress-nginx on http://localhost.
# Needs docker, kind, kubectl and helm on PATH (docs/deploy.md#kind).
set -eu
cd "$(dirname "$0")/../.."
INGRESS_NGINX_VERSION=controller-v1.12.1

kind get clusters | grep -qx rookery || kind create cluster --config deploy/k8s/kind-config.yaml
kubectl config use-context kind-rookery

kubectl apply -f "https://raw.githubusercontent.com/kubernetes/ingress-nginx/${INGRESS_NGINX_VERSION}/deploy/static/provider/kind/deploy.yaml"
kubectl -n ingress-nginx rollout status deployment/ingress-nginx-controller --timeout=180s

kubectl apply -f deploy/k8s/dependencies/namespace.yaml
kubectl apply -f deploy/k8s/dependencies/
for dep in postgres redis rabbitmq minio mailpit; do
  kubectl -n rookery-deps rollout status "deployment/$dep" --timeout=300s
done
kubectl -n rookery-deps wait --for=condition=complete job/minio-bucket --timeout=180s

sh deploy/k8s/deploy.sh
