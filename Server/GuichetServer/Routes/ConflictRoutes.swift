import Foundation
import GuichetDomain
import GuichetProtocol
import HTTPTypes
import Hummingbird

/// Conflicts recorded on concurrent edits: métropole staff list and resolve them.
struct ConflictRoutes {
    let sync: SyncService

    struct ResolveRequest: Codable { var resolution: ConflictResolution }

    func addRoutes(to group: RouterGroup<GuichetRequestContext>) {
        group.get("conflicts") { request, context in
            try Self.requireStaff(context)
            let all = request.uri.queryParameters.get("all") == "true"
            return try jsonResponse(try await sync.conflicts(includeResolved: all))
        }
        group.post("conflicts/{id}/resolve") { request, context in
            let device = try Self.requireStaff(context)
            guard let id = UUID(uuidString: try context.parameters.require("id")) else {
                throw Problem(.malformedRequest, detail: "Identifiant de conflit invalide.")
            }
            let body = try await decodeBody(ResolveRequest.self, from: request, limit: 4096)
            return try jsonResponse(try await sync.resolveConflict(id: id, resolution: body.resolution, by: "device:\(device.device.id)"))
        }
    }

    @discardableResult
    static func requireStaff(_ context: GuichetRequestContext) throws -> DeviceContext {
        let device = try context.requireDevice()
        guard Permissions.autorise(.resoudreConflits, pour: device.guichet) else {
            throw Problem(.forbidden, detail: "Réservé aux agents de la métropole.")
        }
        return device
    }
}
