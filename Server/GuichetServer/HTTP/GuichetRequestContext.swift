import Foundation
import GuichetProtocol
import Hummingbird
import NIOCore

/// The request context of every route: the authenticated device, once `DeviceAuthMiddleware` ran.
public struct GuichetRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var device: DeviceContext?
    /// The peer (the reverse proxy in production, which passes the client's address in X-Forwarded-For).
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.device = nil
        self.remoteAddress = source.channel.remoteAddress
    }

    public var requestDecoder: JSONDecoder { WireCoding.decoder }
    public var responseEncoder: JSONEncoder { WireCoding.encoder }

    /// The authenticated device; routes behind `DeviceAuthMiddleware` always have one.
    func requireDevice() throws -> DeviceContext {
        guard let device else { throw Problem(.unauthenticated, detail: "Authentification requise.") }
        return device
    }
}
