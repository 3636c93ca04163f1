import Foundation
import GuichetDomain

/// Body of every error answer (`application/problem+json`, RFC 9457) with Guichet's stable `code`.
public struct Problem: Sendable, Hashable, Codable, Error, CustomStringConvertible {
    public var type: String
    public var title: String
    /// HTTP status (JSON key `status`, RFC 9457).
    public var httpStatus: Int
    public var detail: String
    public var code: String
    /// Whether the same request may succeed later without change (network, 5xx, 429).
    public var retryable: Bool
    public var supportedVersions: [Int]?
    public var expectedNumber: Int64?
    public var currentOffset: Int64?
    public var serverSeq: Int64?
    public var problemes: [ProblemeValidation]?

    public init(_ code: ProblemCode, detail: String, supportedVersions: [Int]? = nil, expectedNumber: Int64? = nil,
                currentOffset: Int64? = nil, serverSeq: Int64? = nil, problemes: [ProblemeValidation]? = nil) {
        self.type = "https://guichet.example/problems/\(code.rawValue)"
        self.title = code.title
        self.httpStatus = code.status
        self.detail = detail
        self.code = code.rawValue
        self.retryable = code.retryable
        self.supportedVersions = supportedVersions
        self.expectedNumber = expectedNumber
        self.currentOffset = currentOffset
        self.serverSeq = serverSeq
        self.problemes = problemes
    }

    public var description: String { "\(httpStatus) \(code): \(detail)" }
    enum CodingKeys: String, CodingKey {
        case type, title, httpStatus = "status", detail, code, retryable, supportedVersions, expectedNumber, currentOffset, serverSeq, problemes
    }

    public static let mediaType = "application/problem+json"
}

/// Stable error codes of the HTTP API, with their status and whether a retry may help (docs/PROTOCOL.md).
public enum ProblemCode: String, Sendable, Hashable, Codable, CaseIterable {
    case malformedRequest, missingClientBuild, unsupportedVersion, unauthenticated, tokenExpired, tokenRevoked,
        enrollmentCodeInvalid, forbidden, notFound, commandGap, batchTooLarge, cursorAhead, pieceTooLarge,
        pieceDigestMismatch, chunkChecksumMismatch, uploadOffsetMismatch, uploadLengthMismatch, pieceNotAvailable,
        validationFailed, conflictAlreadyResolved, tooManyRequests, internalError, unavailable

    public var status: Int {
        switch self {
        case .malformedRequest, .missingClientBuild: 400
        case .unsupportedVersion: 426
        case .unauthenticated, .tokenExpired, .tokenRevoked, .enrollmentCodeInvalid: 401
        case .forbidden: 403
        case .notFound, .pieceNotAvailable: 404
        case .commandGap, .cursorAhead, .uploadOffsetMismatch, .uploadLengthMismatch, .conflictAlreadyResolved: 409
        case .batchTooLarge, .pieceTooLarge: 413
        case .pieceDigestMismatch, .chunkChecksumMismatch, .validationFailed: 422
        case .tooManyRequests: 429
        case .internalError: 500
        case .unavailable: 503
        }
    }

    public var retryable: Bool {
        switch self {
        case .tooManyRequests, .internalError, .unavailable: true
        default: false
        }
    }

    public var title: String {
        switch self {
        case .malformedRequest: "Requête mal formée"
        case .missingClientBuild: "Version du logiciel client absente"
        case .unsupportedVersion: "Version de protocole non prise en charge"
        case .unauthenticated: "Authentification requise"
        case .tokenExpired: "Jeton expiré"
        case .tokenRevoked: "Appareil révoqué"
        case .enrollmentCodeInvalid: "Code d'enrôlement invalide"
        case .forbidden: "Action non autorisée"
        case .notFound: "Introuvable"
        case .commandGap: "Commandes manquantes"
        case .batchTooLarge: "Lot trop volumineux"
        case .cursorAhead: "Curseur en avance sur le serveur"
        case .pieceTooLarge: "Pièce trop volumineuse"
        case .pieceDigestMismatch: "Empreinte de la pièce incorrecte"
        case .chunkChecksumMismatch: "Fragment corrompu"
        case .uploadOffsetMismatch: "Position d'envoi incorrecte"
        case .uploadLengthMismatch: "Taille annoncée incohérente"
        case .pieceNotAvailable: "Pièce non disponible"
        case .validationFailed: "Données invalides"
        case .conflictAlreadyResolved: "Conflit déjà résolu"
        case .tooManyRequests: "Trop de requêtes"
        case .internalError: "Erreur interne"
        case .unavailable: "Service indisponible"
        }
    }
}
