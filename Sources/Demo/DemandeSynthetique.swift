import Foundation

/// A generated demande with its registering guichet and the transitions that built it from a brouillon.
public struct DemandeSynthetique: Sendable, Hashable {
    /// The demande in the state its transitions reached (statut, numéro unique and dates set by `CycleDeVie`).
    public let demande: Demande
    /// Code of the guichet that registered it (niveau ≥ 2, a bailleur or the métropole).
    public let guichetCode: String
    /// The month's counter embedded in its numéro unique.
    public let sequenceNumero: Int
    /// Every transition applied, in order, from `.brouillon` (`deposer`, `enregistrer`, then renewals, radiation…):
    /// replaying them on `brouillon` with `CycleDeVie.appliquer` gives `demande` again.
    public let transitions: [TransitionDemande]

    /// Creates a generated demande.
    public init(demande: Demande, guichetCode: String, sequenceNumero: Int, transitions: [TransitionDemande]) {
        self.demande = demande
        self.guichetCode = guichetCode
        self.sequenceNumero = sequenceNumero
        self.transitions = transitions
    }

    /// The demande as it was before any transition: same content, `.brouillon`, no numéro, no dates, no radiation.
    public var brouillon: Demande {
        var d = demande
        d.statut = .brouillon
        d.numeroUnique = nil
        d.dates = DatesDemande()
        d.radiation = nil
        return d
    }
}

/// Metadata of a generated pièce justificative; the bytes do not exist (`sha256` is a deterministic fake).
public struct PieceSynthetique: Sendable, Hashable {
    /// A UUIDv7 stamped at `recueLe`.
    public let id: UUID
    /// The demande it belongs to.
    public let demandeId: UUID
    /// Its type in the arrêté's list.
    public let type: TypePiece
    /// Whose piece it is.
    public let personne: RefPersonne
    /// Size in bytes (1–3 pages of 0.3–1.5 MB, domain.md §12.12).
    public let taille: Int
    /// 64 lower-case hex digits, valid for `Piece.sha256EstValide`.
    public let sha256: String
    /// `application/pdf` (70 %) or `image/jpeg`.
    public let mediaType: String
    /// When a point received it (office hours in Europe/Paris, or any hour when uploaded online).
    public let recueLe: Date
    /// Code of the point that received it (any point may receive any pièce).
    public let guichetCode: String

    /// Creates the metadata of a pièce.
    public init(
        id: UUID, demandeId: UUID, type: TypePiece, personne: RefPersonne, taille: Int, sha256: String, mediaType: String,
        recueLe: Date, guichetCode: String
    ) {
        self.id = id
        self.demandeId = demandeId
        self.type = type
        self.personne = personne
        self.taille = taille
        self.sha256 = sha256
        self.mediaType = mediaType
        self.recueLe = recueLe
        self.guichetCode = guichetCode
    }

    /// The domain `Piece` of these metadata, status `recue`.
    public var piece: Piece {
        Piece(id: id, demandeId: demandeId, type: type, personne: personne, sha256: sha256, taille: taille,
              mediaType: mediaType, recueLe: recueLe, guichetCode: guichetCode)
    }
}
