import Foundation
import GuichetDomain
import GuichetProtocol

/// An authenticated device and its guichet, resolved from the bearer token on every request.
public struct DeviceContext: Sendable, Hashable {
    public var device: DeviceRow
    public var guichet: Guichet

    /// Métropole staff devices see every demande; other devices see their guichet's scope.
    public var seesAll: Bool { Permissions.autorise(.consulterToutesDemandes, pour: guichet) }
    public var audience: Audience { Audience(deviceId: device.id, guichetCode: guichet.code, seesAll: seesAll) }

    public func origin(agent: String) -> ConflictNotice.Origin {
        ConflictNotice.Origin(device: device.id, guichet: guichet.code, agent: agent)
    }
}
