import Foundation
import GuichetDomain

/// A command: an intent an agent expressed on a device, numbered 1, 2, 3… per device and applied exactly once.
public struct Command: Sendable, Hashable, Codable {
    /// The device's sequence number; the server applies number n only after n − 1.
    public var number: Int64
    public var hlc: HLCStamp
    /// Agent identifier on the device (login or initials).
    public var agent: String
    public var payload: CommandPayload

    public init(number: Int64, hlc: HLCStamp, agent: String, payload: CommandPayload) {
        self.number = number
        self.hlc = hlc
        self.agent = agent
        self.payload = payload
    }
}

/// The intents of protocol v1. Encoded as `{"type": "registerDemande", "registerDemande": {…}}`.
public enum CommandPayload: Sendable, Hashable, Codable {
    /// Hand in and register a new demande (niveau 2+): the server assigns the numéro unique.
    case registerDemande(RegisterDemande)
    /// Change fields of a demande, each with its old and new value.
    case updateDemande(UpdateDemande)
    case renewDemande(RenewDemande)
    case radierDemande(RadierDemande)
    /// Attach a pièce whose bytes were uploaded (content-addressed) — any point, any demandeur of the métropole.
    case attachPiece(AttachPiece)
    case recordAccueil(RecordAccueil)

    /// The name of the command, as in the wire `type` field and the audit trail.
    public var type: String {
        switch self {
        case .registerDemande: "registerDemande"
        case .updateDemande: "updateDemande"
        case .renewDemande: "renewDemande"
        case .radierDemande: "radierDemande"
        case .attachPiece: "attachPiece"
        case .recordAccueil: "recordAccueil"
        }
    }

    enum CodingKeys: String, CodingKey {
        case type, registerDemande, updateDemande, renewDemande, radierDemande, attachPiece, recordAccueil
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "registerDemande": self = .registerDemande(try c.decode(RegisterDemande.self, forKey: .registerDemande))
        case "updateDemande": self = .updateDemande(try c.decode(UpdateDemande.self, forKey: .updateDemande))
        case "renewDemande": self = .renewDemande(try c.decode(RenewDemande.self, forKey: .renewDemande))
        case "radierDemande": self = .radierDemande(try c.decode(RadierDemande.self, forKey: .radierDemande))
        case "attachPiece": self = .attachPiece(try c.decode(AttachPiece.self, forKey: .attachPiece))
        case "recordAccueil": self = .recordAccueil(try c.decode(RecordAccueil.self, forKey: .recordAccueil))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "type de commande inconnu « \(type) »")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        switch self {
        case .registerDemande(let v): try c.encode(v, forKey: .registerDemande)
        case .updateDemande(let v): try c.encode(v, forKey: .updateDemande)
        case .renewDemande(let v): try c.encode(v, forKey: .renewDemande)
        case .radierDemande(let v): try c.encode(v, forKey: .radierDemande)
        case .attachPiece(let v): try c.encode(v, forKey: .attachPiece)
        case .recordAccueil(let v): try c.encode(v, forKey: .recordAccueil)
        }
    }
}

/// A new demande, created offline with a UUIDv7, handed in on `depot`.
public struct RegisterDemande: Sendable, Hashable, Codable {
    public var demande: Demande
    public var depot: Jour
    public init(demande: Demande, depot: Jour) {
        self.demande = demande
        self.depot = depot
    }
}

/// Field changes against the version the device last saw.
public struct UpdateDemande: Sendable, Hashable, Codable {
    public var demandeId: UUID
    public var baseVersion: Int64
    public var changes: [FieldChange]
    public init(demandeId: UUID, baseVersion: Int64, changes: [FieldChange]) {
        self.demandeId = demandeId
        self.baseVersion = baseVersion
        self.changes = changes
    }
}

/// One field's change: its path in the demande's JSON, the value the device saw, the value it wants.
public struct FieldChange: Sendable, Hashable, Codable {
    public var path: String
    public var old: JSONValue
    public var new: JSONValue
    public init(path: String, old: JSONValue, new: JSONValue) {
        self.path = path
        self.old = old
        self.new = new
    }
}

public struct RenewDemande: Sendable, Hashable, Codable {
    public var demandeId: UUID
    public var baseVersion: Int64
    public var le: Jour
    public init(demandeId: UUID, baseVersion: Int64, le: Jour) {
        self.demandeId = demandeId
        self.baseVersion = baseVersion
        self.le = le
    }
}

public struct RadierDemande: Sendable, Hashable, Codable {
    public var demandeId: UUID
    public var baseVersion: Int64
    public var radiation: Radiation
    public init(demandeId: UUID, baseVersion: Int64, radiation: Radiation) {
        self.demandeId = demandeId
        self.baseVersion = baseVersion
        self.radiation = radiation
    }
}

/// Names a demande by its id (known on the device) or by its numéro unique (a demandeur registered elsewhere).
public struct DemandeRef: Sendable, Hashable, Codable, CustomStringConvertible {
    public var id: UUID?
    public var numeroUnique: NumeroUnique?
    public init(id: UUID) { self.id = id; self.numeroUnique = nil }
    public init(numeroUnique: NumeroUnique) { self.id = nil; self.numeroUnique = numeroUnique }
    public var description: String { id?.uuidString.lowercased() ?? numeroUnique?.valeur ?? "?" }
}

/// A pièce received at a point; its bytes were uploaded apart, addressed by `sha256`.
public struct AttachPiece: Sendable, Hashable, Codable {
    public var pieceId: UUID
    public var demande: DemandeRef
    public var type: TypePiece
    public var personne: RefPersonne
    public var sha256: String
    public var taille: Int
    public var mediaType: String
    public var recueLe: Date

    public init(pieceId: UUID, demande: DemandeRef, type: TypePiece, personne: RefPersonne, sha256: String, taille: Int, mediaType: String, recueLe: Date) {
        self.pieceId = pieceId
        self.demande = demande
        self.type = type
        self.personne = personne
        self.sha256 = sha256
        self.taille = taille
        self.mediaType = mediaType
        self.recueLe = recueLe
    }
}

public struct RecordAccueil: Sendable, Hashable, Codable {
    public var accueil: Accueil
    public init(accueil: Accueil) { self.accueil = accueil }
}
