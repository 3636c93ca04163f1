import Foundation
import GuichetProtocol
@testable import GuichetServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Prometheus
import GuichetTestSupport
import Testing

@Suite struct OperationsTests {
    @Test func healthAndMetrics() async throws {
        let h = try await Harness.make()
        try await h.app().test(.router) { client in
            let health = try await client.call(.get, "/healthz", clientBuild: false)
            #expect(health.status == .ok)
            #expect(String(buffer: health.body).contains("\"status\":\"ok\""))
            _ = try await client.call(.get, "/v1/me")
            let metrics = try await client.call(.get, "/metrics", clientBuild: false)
            let text = String(buffer: metrics.body)
            #expect(text.contains("guichet_http_requests_total"))
            #expect(text.contains("status=\"401\""))
        }
    }

    /// Every route the router serves is described in openapi.yaml, and nothing else is.
    @Test func openAPIDescribesExactlyTheRoutes() async throws {
        let h = try await Harness.make()
        let router = try buildRouter(sync: h.sync, blobs: try BlobStore(root: h.directory), registry: PrometheusCollectorRegistry(),
                                 offres: try OffreService(store: h.store, clock: h.clock))
        let served = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
        let spec = try OpenAPIDocument.text()
        var described = Set<String>()
        var path: String?
        for line in spec.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /"), line.hasSuffix(":") { path = String(line.dropFirst(2).dropLast()) ; continue }
            if !line.hasPrefix("  ") || (line.hasPrefix("  ") && !line.hasPrefix("    ") && !line.hasPrefix("  /")) { path = nil }
            if let p = path, line.hasPrefix("    "), !line.hasPrefix("     ") {
                let key = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "put", "patch", "delete", "head"].contains(String(key)) { described.insert("\(key.uppercased()) \(p)") }
            }
        }
        let normalised = Set(served.map { $0.replacingOccurrences(of: "{", with: "{").replacingOccurrences(of: ":", with: "") })
        #expect(!described.isEmpty)
        #expect(normalised == described, "served but undocumented: \(normalised.subtracting(described)); documented but not served: \(described.subtracting(normalised))")
    }

    /// curl sends `Expect: 100-continue` on uploads and waits for the interim answer; the server sends it.
    @Test func answersExpectContinue() async throws {
        let h = try await Harness.make()
        let device = try await h.device("GRE01")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") else {
            Issue.record("curl is required for this test (apt-get install curl)")
            return
        }
        try await h.app().test(.live) { client in
            let port = try #require(client.port)
            let file = h.directory.appendingPathComponent("chunk.bin")
            try Data(repeating: 7, count: 4096).write(to: file)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            process.arguments = ["-sv", "-X", "PATCH", "--data-binary", "@\(file.path)", "-H", "Expect: 100-continue",
                                 "-H", "Authorization: Bearer \(device.token)", "-H", "Guichet-Client-Build: curl",
                                 "-H", "Upload-Offset: 0", "-H", "Upload-Length: 4096",
                                 "http://127.0.0.1:\(port)/v1/pieces/\(String(repeating: "a", count: 64))"]
            let err = Pipe()
            process.standardError = err
            process.standardOutput = Pipe()
            try process.run()
            process.waitUntilExit()
            let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(log.contains("HTTP/1.1 100 Continue"))
            #expect(log.contains("HTTP/1.1 422"))
        }
    }
}
