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

# OBSERVABILITY=1: Prometheus Operator, Prometheus, Alertmanager, Grafana and Jaeger from their
# upstream charts (deploy/k8s/observability/*.values.yaml), before the chart, so that its
# ServiceMonitor and PrometheusRule CRDs exist.
if [ "${OBSERVABILITY:-0}" = 1 ]; then
  helm repo add prometheus-community https://prometheus-community.github.io/helm-charts >/dev/null
  helm repo add jaegertracing https://jaegertracing.github.io/helm-charts >/dev/null
  helm repo update >/dev/null
  helm upgrade --install kps prometheus-community/kube-prometheus-stack --namespace monitoring --create-namespace \
    -f deploy/k8s/observability/kube-prometheus-stack.values.yaml --wait --timeout 10m
  helm upgrade --install jaeger jaegertracing/jaeger --namespace monitoring \
    -f deploy/k8s/observability/jaeger.values.yaml --wait --timeout 5m
  export HELM_EXTRA_ARGS="--set metrics.serviceMonitor.enabled=true --set metrics.prometheusRule.enabled=true --set metrics.grafanaDashboards.enabled=true --set-string config.OTEL_EXPORTER_OTLP_ENDPOINT=http://jaeger-collector.monitoring.svc:4318"
fi

sh deploy/k8s/deploy.sh
