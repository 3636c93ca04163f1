import Foundation
import GuichetProtocol
import HTTPTypes
import Hummingbird
import Prometheus

/// Health, Prometheus metrics and the OpenAPI description.
struct OperationsRoutes {
    let sync: SyncService
    let registry: PrometheusCollectorRegistry

    func addRoutes(to router: Router<GuichetRequestContext>) {
        router.get("healthz") { _, _ in
            let seq = try await sync.store.read { tx in try tx.maxSeq() }
            struct Health: Encodable { var status: String; var seq: Int64; var protocolVersions: [Int] }
            return try jsonResponse(Health(status: "ok", seq: seq, protocolVersions: ProtocolVersion.supported))
        }
        router.get("metrics") { _, _ in
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
        router.get("openapi.yaml") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/yaml; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: try OpenAPIDocument.text())))
        }
    }
}

/// The OpenAPI 3 description shipped with the server (kept true by a test that compares it with the router).
public enum OpenAPIDocument {
    public static func text() throws -> String {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml", subdirectory: "Resources") else {
            throw Problem(.internalError, detail: "openapi.yaml absent du paquet.")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
