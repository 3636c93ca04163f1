import Foundation
import GuichetProtocol
import Hummingbird

/// The request context of every route: the authenticated device, once `DeviceAuthMiddleware` ran.
public struct GuichetRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var device: DeviceContext?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.device = nil
    }

    public var requestDecoder: JSONDecoder { WireCoding.decoder }
    public var responseEncoder: JSONEncoder { WireCoding.encoder }

    /// The authenticated device; routes behind `DeviceAuthMiddleware` always have one.
    func requireDevice() throws -> DeviceContext {
        guard let device else { throw Problem(.unauthenticated, detail: "Authentification requise.") }
        return device
    }
}
