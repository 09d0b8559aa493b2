export { createGatewayMetrics, type GatewayMetrics, type SubgraphCallOutcome, type SubgraphCallTimer } from './gateway-metrics';
