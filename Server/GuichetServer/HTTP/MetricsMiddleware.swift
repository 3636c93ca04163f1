import Foundation
import HTTPTypes
import Hummingbird
import Prometheus

/// Counts requests and times them into the Prometheus registry served at `/metrics` (no global metrics system).
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let registry: PrometheusCollectorRegistry

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let route = context.endpointPath ?? "unmatched"
        let method = request.method.rawValue
        do {
            let response = try await next(request, context)
            record(route: route, method: method, status: response.status.code, start: start)
            return response
        } catch let error as any HTTPResponseError {
            record(route: route, method: method, status: error.status.code, start: start)
            throw error
        } catch {
            record(route: route, method: method, status: 500, start: start)
            throw error
        }
    }

    private func record(route: String, method: String, status: Int, start: ContinuousClock.Instant) {
        registry.makeCounter(descriptor: Self.requests, labels: [("route", route), ("method", method), ("status", String(status))])
            .increment()
        registry.makeDurationHistogram(descriptor: Self.duration, labels: [("route", route)],
            buckets: [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
                      .milliseconds(500), .seconds(1), .seconds(5)])
            .record(ContinuousClock.now - start)
    }

    static var requests: MetricNameDescriptor { MetricNameDescriptor(namespace: "guichet", subsystem: "http", metricName: "requests", unitName: "total",
                                               helpText: "HTTP requests by route, method and status") }
    static var duration: MetricNameDescriptor { MetricNameDescriptor(namespace: "guichet", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                                               helpText: "HTTP request duration by route") }
}
