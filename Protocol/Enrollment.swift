import Foundation
import GuichetDomain

/// `POST /v1/enroll`: a device exchanges the one-time enrollment code of its guichet for a device token.
public struct EnrollRequest: Sendable, Hashable, Codable {
    public var code: String
    public var deviceName: String
    public init(code: String, deviceName: String) {
        self.code = code
        self.deviceName = deviceName
    }
}

public struct EnrollResponse: Sendable, Hashable, Codable {
    public var deviceId: String
    /// Bearer token; the server keeps only its hash. Shown once.
    public var token: String
    public var tokenExpiresAt: Date
    public var guichet: Guichet
    public init(deviceId: String, token: String, tokenExpiresAt: Date, guichet: Guichet) {
        self.deviceId = deviceId
        self.token = token
        self.tokenExpiresAt = tokenExpiresAt
        self.guichet = guichet
    }
}

/// `GET /v1/me`: who the token belongs to and what the server knows of the device.
public struct DeviceInfo: Sendable, Hashable, Codable {
    public var deviceId: String
    public var guichet: Guichet
    public var lastApplied: Int64
    public var serverSeq: Int64
    public var actions: [Action]
    public init(deviceId: String, guichet: Guichet, lastApplied: Int64, serverSeq: Int64, actions: [Action]) {
        self.deviceId = deviceId
        self.guichet = guichet
        self.lastApplied = lastApplied
        self.serverSeq = serverSeq
        self.actions = actions
    }
}

/// A recorded conflict as métropole staff list and resolve it (`GET /v1/conflicts`).
public struct ConflictRecord: Sendable, Hashable, Codable {
    public var notice: ConflictNotice
    public var createdAt: Date
    public var resolvedAt: Date?
    public var resolution: ConflictResolution?
    public init(notice: ConflictNotice, createdAt: Date, resolvedAt: Date? = nil, resolution: ConflictResolution? = nil) {
        self.notice = notice
        self.createdAt = createdAt
        self.resolvedAt = resolvedAt
        self.resolution = resolution
    }
}

/// How staff resolved a conflict: keep the server's value or apply the proposed one.
public enum ConflictResolution: String, Sendable, Hashable, Codable, CaseIterable {
    case keepServer, applyProposed
}

/// `POST /v1/token`: a device exchanges its valid token for a new one (same device, same numbering); the old one
/// stops working at once.
public struct TokenResponse: Sendable, Hashable, Codable {
    public var token: String
    public var tokenExpiresAt: Date
    public init(token: String, tokenExpiresAt: Date) {
        self.token = token
        self.tokenExpiresAt = tokenExpiresAt
    }
}
