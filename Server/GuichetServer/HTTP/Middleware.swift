import Foundation
import GuichetProtocol
import HTTPTypes
import Hummingbird
import Logging

/// Refuses a protocol version this server does not speak, and requests that do not name their client build.
struct ProtocolGateMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let first = request.uri.path.split(separator: "/").first.map(String.init) ?? ""
        if first.count >= 2, first.first == "v", let version = Int(first.dropFirst()) {
            guard ProtocolVersion.supported.contains(version) else {
                throw Problem(.unsupportedVersion,
                    detail: "Le protocole v\(version) n'est pas pris en charge par ce serveur (versions : \(ProtocolVersion.supported.map { "v\($0)" }.joined(separator: ", "))). Mettez à jour le logiciel du guichet ; les saisies en attente sont conservées.",
                    supportedVersions: ProtocolVersion.supported)
            }
            guard let build = request.headers[HTTPField.Name(ProtocolVersion.clientBuildHeader)!], !build.isEmpty else {
                throw Problem(.missingClientBuild, detail: "L'en-tête \(ProtocolVersion.clientBuildHeader) (version du logiciel client) est obligatoire.")
            }
        }
        return try await next(request, context)
    }
}

/// Turns any error that is not already an HTTP error into a problem+json 500, logged without request data.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            // Type only: messages may carry personal values.
            context.logger.error("unexpected error", metadata: ["error.type": "\(type(of: error))", "path": "\(request.uri.path)"])
            throw Problem(.internalError, detail: "Erreur interne du serveur : réessayez plus tard ; rien de ce qui a été accepté n'est perdu.")
        }
    }
}

/// Resolves the bearer token into the device and its guichet.
struct DeviceAuthMiddleware: RouterMiddleware {
    let sync: SyncService

    func handle(_ request: Request, context: GuichetRequestContext, next: (Request, GuichetRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        context.device = try await Self.device(request, sync: sync)
        return try await next(request, context)
    }

    /// The device of the request's bearer token (also used by routes outside the device group).
    static func device(_ request: Request, sync: SyncService) async throws -> DeviceContext {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "), header.count > 7 else {
            throw Problem(.unauthenticated, detail: "Jeton d'appareil absent (en-tête Authorization: Bearer …).")
        }
        return try await sync.authenticate(token: String(header.dropFirst(7)))
    }
}
