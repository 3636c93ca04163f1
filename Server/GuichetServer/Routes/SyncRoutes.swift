import Foundation
import GuichetDomain
import GuichetProtocol
import HTTPTypes
import Hummingbird

/// Enrollment, push, pull, reconcile, and the online fetch of a demande by numéro unique.
struct SyncRoutes {
    let sync: SyncService

    /// Largest push body accepted (500 commands with their demandes).
    static let maximumPushBytes = 16 << 20

    func addPublicRoutes(to group: RouterGroup<GuichetRequestContext>) {
        group.post("enroll") { request, context in
            let body = try await decodeBody(EnrollRequest.self, from: request, limit: 64 << 10)
            let build = request.headers[HTTPField.Name(ProtocolVersion.clientBuildHeader)!] ?? ""
            return try jsonResponse(try await sync.enroll(body, clientBuild: build), status: .created)
        }
    }

    func addDeviceRoutes(to group: RouterGroup<GuichetRequestContext>) {
        group.get("me") { _, context in
            try jsonResponse(try await sync.me(try context.requireDevice()))
        }
        group.post("push") { request, context in
            let device = try context.requireDevice()
            let body = try await decodeBody(PushRequest.self, from: request, limit: Self.maximumPushBytes)
            let build = request.headers[HTTPField.Name(ProtocolVersion.clientBuildHeader)!]
            return try jsonResponse(try await sync.push(body, context: device, clientBuild: build))
        }
        group.get("pull") { request, context in
            let device = try context.requireDevice()
            let cursor = try Self.integer(request, "cursor", default: 0)
            let limit = try Self.integer(request, "limit", default: Int64(PullPage.defaultLimit))
            let page = try await sync.pullEncoded(device, cursor: cursor, limit: Int(clamping: limit))
            var headers = HTTPFields()
            headers[HTTPField.Name(ProtocolVersion.serverSequenceHeader)!] = String(page.nextCursor)
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try page.json())))
        }
        group.post("token") { _, context in
            try jsonResponse(try await sync.rotateToken(try context.requireDevice()))
        }
        group.get("reconcile") { _, context in
            try jsonResponse(try await sync.reconcile(try context.requireDevice()))
        }
        group.get("demandes/{numeroUnique}") { request, context in
            let device = try context.requireDevice()
            let nur = try context.parameters.require("numeroUnique")
            do { _ = try NumeroUnique(nur) } catch let error as NumeroUniqueInvalide {
                throw Problem(.malformedRequest, detail: error.message)
            }
            let agent = request.headers[HTTPField.Name("Guichet-Agent")!]
            return try jsonResponse(try await sync.demande(numeroUnique: nur, context: device, agent: agent))
        }
    }

    static func integer(_ request: Request, _ name: String, default value: Int64) throws -> Int64 {
        guard let text = request.uri.queryParameters.get(name) else { return value }
        guard let n = Int64(text), n >= 0 else {
            throw Problem(.malformedRequest, detail: "Le paramètre « \(name) » doit être un entier positif ou nul (reçu « \(text) »).")
        }
        return n
    }
}
