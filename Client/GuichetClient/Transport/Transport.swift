import AsyncHTTPClient
import Foundation
import GuichetProtocol
import NIOCore
import NIOHTTP1

/// One HTTP exchange, as the sync engine sees it. A protocol so tests can inject faults (lost answers, cuts).
public protocol Transport: Sendable {
    func send(_ request: TransportRequest) async throws -> TransportResponse
}

public struct TransportRequest: Sendable {
    public var method: String
    /// Path and query, e.g. `/v1/pull?cursor=3`.
    public var path: String
    public var headers: [(String, String)]
    public var body: [UInt8]?

    public init(method: String, path: String, headers: [(String, String)] = [], body: [UInt8]? = nil) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }
}

public struct TransportResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// AsyncHTTPClient on the shared event loop group.
public struct HTTPTransport: Transport {
    public let baseURL: String
    public let timeout: TimeAmount

    public init(baseURL: String, timeout: TimeAmount = .seconds(60)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.timeout = timeout
    }

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        var r = HTTPClientRequest(url: baseURL + request.path)
        r.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers { r.headers.add(name: name, value: value) }
        if let body = request.body { r.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(r, timeout: timeout)
        var headers: [String: String] = [:]
        for h in response.headers { headers[h.name.lowercased()] = h.value }
        let body = try await response.body.collect(upTo: 64 << 20)
        return TransportResponse(status: Int(response.status.code), headers: headers, body: Array(body.readableBytesView))
    }
}

/// What can go wrong talking to the server, classified for retries.
public enum APIError: Error, Sendable, CustomStringConvertible {
    /// The server answered with a typed problem.
    case problem(Problem)
    /// No answer: network down, connection reset or cut, timeout.
    case transport(String)
    /// An answer the client could not read.
    case unexpected(status: Int, detail: String)

    /// Worth retrying with backoff (network, 5xx, 429); refusals that will not change are reported instead.
    public var isRetryable: Bool {
        switch self {
        case .transport: true
        case .problem(let p): p.retryable || p.httpStatus >= 500
        case .unexpected(let status, _): status >= 500 || status == 429
        }
    }

    public var description: String {
        switch self {
        case .problem(let p): p.detail
        case .transport(let m): "Serveur injoignable (\(m)) : les saisies restent en attente sur ce poste."
        case .unexpected(let status, let detail): "Réponse inattendue du serveur (\(status)) : \(detail)"
        }
    }
}
