import Foundation
import GuichetProtocol

/// Typed calls of protocol v1 over a `Transport`, with the client build and the device token.
struct ServerAPI: Sendable {
    let transport: any Transport
    let token: String?
    static let clientBuild = "guichet/\(GuichetClientVersion.value)"

    func headers(_ extra: [(String, String)] = []) -> [(String, String)] {
        var h = [(ProtocolVersion.clientBuildHeader, Self.clientBuild)] + extra
        if let token { h.append(("Authorization", "Bearer \(token)")) }
        return h
    }

    func send(_ method: String, _ path: String, body: [UInt8]? = nil, headers extra: [(String, String)] = []) async throws -> TransportResponse {
        let response: TransportResponse
        do {
            response = try await transport.send(TransportRequest(method: method, path: "/v\(ProtocolVersion.current)" + path, headers: headers(extra), body: body))
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.transport(String(describing: type(of: error)))
        }
        guard (200..<300).contains(response.status) else {
            if let problem = try? WireCoding.decoder.decode(Problem.self, from: Data(response.body)) { throw APIError.problem(problem) }
            throw APIError.unexpected(status: response.status, detail: String(decoding: response.body.prefix(200), as: UTF8.self))
        }
        return response
    }

    func json<T: Decodable>(_ type: T.Type, _ method: String, _ path: String, body: (some Encodable)? = Optional<String>.none) async throws -> T {
        let data = try body.map { Array(try WireCoding.encoder.encode($0)) }
        let response = try await send(method, path, body: data, headers: data == nil ? [] : [("Content-Type", "application/json")])
        do {
            return try WireCoding.decoder.decode(T.self, from: Data(response.body))
        } catch {
            throw APIError.unexpected(status: response.status, detail: "réponse illisible")
        }
    }
}

/// The client's build, sent with every request.
public enum GuichetClientVersion {
    public static let value = "0.1.0"
}
