import Foundation

/// Rules of the sync service that a deployment sets.
public struct SyncConfiguration: Sendable {
    /// Département of the métropole (Isère: 38); prefixes every numéro unique.
    public var departement: String
    /// How long a device token lives before the device must be re-enrolled.
    public var tokenLifetime: TimeInterval
    /// How long a one-time enrollment code stays valid.
    public var enrollmentCodeLifetime: TimeInterval
    /// A stamp further ahead of server time than this is recorded, flags the device, and never moves the server clock.
    public var maximumClockDrift: TimeInterval
    /// INSEE codes of the métropole's communes (communes souhaitées are checked against them), nil to skip.
    public var communesConnues: Set<String>?

    public init(departement: String = "38", tokenLifetime: TimeInterval = 365 * 86400, enrollmentCodeLifetime: TimeInterval = 7 * 86400,
                maximumClockDrift: TimeInterval = 300, communesConnues: Set<String>? = nil) {
        self.departement = departement
        self.tokenLifetime = tokenLifetime
        self.enrollmentCodeLifetime = enrollmentCodeLifetime
        self.maximumClockDrift = maximumClockDrift
        self.communesConnues = communesConnues
    }

    /// Territory prefix of numéros uniques (three characters).
    var territoire: String { String(repeating: "0", count: max(0, 3 - departement.count)) + departement }
}
