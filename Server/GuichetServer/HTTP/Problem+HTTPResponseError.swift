import Foundation
import GuichetProtocol
import HTTPTypes
import Hummingbird

/// Problems render themselves as `application/problem+json` with their stable code.
extension Problem: HTTPResponseError {
    public var status: HTTPResponse.Status { HTTPResponse.Status(code: httpStatus) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = Problem.mediaType
        if let offset = currentOffset { headers[HTTPField.Name(PieceUpload.offsetHeader)!] = String(offset) }
        let body = try WireCoding.encoder.encode(self)
        return Response(status: HTTPResponse.Status(code: httpStatus), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Encodes a value as the JSON answer of a route.
func jsonResponse(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) throws -> Response {
    var headers = extra
    headers[.contentType] = "application/json"
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try WireCoding.encoder.encode(value))))
}

/// Reads and decodes a JSON body, answering a precise 400 on malformed JSON or wrong field types.
func decodeBody<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
    var request = request
    let buffer: ByteBuffer
    do {
        buffer = try await request.collectBody(upTo: limit)
    } catch {
        throw Problem(.batchTooLarge, detail: "Corps de requête trop volumineux (au plus \(limit) octets).")
    }
    do {
        return try WireCoding.decoder.decode(T.self, from: Data(buffer.readableBytesView))
    } catch let error as DecodingError {
        throw Problem(.malformedRequest, detail: DecodingDescription.describe(error))
    } catch {
        throw Problem(.malformedRequest, detail: "JSON invalide.")
    }
}
