import Foundation

/// One fact of the pilotage log: what happened, at which guichet, on which Europe/Paris civil day.
///
/// The server writes facts in the same transaction as the command they come from (and the audit entry), so the
/// indicators are exactly the applied commands. A fact carries the day the event happened *at the guichet*
/// (the accueil's time, the pièce's reception, the command's stamp), not the day it reached the server: a
/// permanence that syncs a week late changes past figures, it does not pile its week onto the sync day.
public struct FaitPilotage: Sendable, Hashable, Codable {
    public enum Nature: String, Sendable, Hashable, Codable, CaseIterable {
        /// A visit, call or rendez-vous (`code` = `TypeAccueil`, `valeur` = `DrapeauxAccueil`, `entite` = demande).
        case accueil
        /// A demande registered (`valeur` = days from dépôt to the numéro unique, `code` = "horsDelai" past one month).
        case enregistrement
        case renouvellement
        /// A demande's fields changed by an agent.
        case modification
        /// `code` = `MotifRadiation`.
        case radiation
        /// A pièce received (`code` = `TypePiece`).
        case piece
        /// The demande's current state for the stock (`etat`); the latest one wins.
        case etat
        /// An offer's event (`code` = publiee, candidatsDesignes, attribuee, retiree; `offre` = where and what).
        case offre
        /// A demande designated as candidate on an offer (`entite` = demande): a proposal.
        case proposition
    }

    public var nature: Nature
    /// The point where it happened (nil for offers: they belong to bailleurs).
    public var guichet: String?
    public var jour: Jour
    public var entite: UUID?
    public var code: String?
    public var valeur: Int?
    public var etat: EtatDemandePilotage?
    public var offre: OffrePilotage?
    /// When the server received it: a guichet's last contact, for provisional months.
    public var recuLe: Date

    public init(nature: Nature, guichet: String?, jour: Jour, entite: UUID? = nil, code: String? = nil, valeur: Int? = nil,
                etat: EtatDemandePilotage? = nil, offre: OffrePilotage? = nil, recuLe: Date) {
        self.nature = nature
        self.guichet = guichet
        self.jour = jour
        self.entite = entite
        self.code = code
        self.valeur = valeur
        self.etat = etat
        self.offre = offre
        self.recuLe = recuLe
    }
}

/// The reports an accueil carries, as bits of `FaitPilotage.valeur`.
public struct DrapeauxAccueil: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let orientationNiveau3 = DrapeauxAccueil(rawValue: 1)
    public static let pmr = DrapeauxAccueil(rawValue: 2)
    public static let prioriteBloquee = DrapeauxAccueil(rawValue: 4)

    public init(_ a: Accueil) {
        var d: DrapeauxAccueil = []
        if a.orientationNiveau3 { d.insert(.orientationNiveau3) }
        if a.pmr { d.insert(.pmr) }
        if a.prioriteBloquee { d.insert(.prioriteBloquee) }
        self = d
    }
}

/// Where and what an offer is, for the offer indicators (commune filter, waiting time by typologie).
public struct OffrePilotage: Sendable, Hashable, Codable {
    public var commune: String
    public var typologie: Typologie
    public init(commune: String, typologie: Typologie) {
        self.commune = commune
        self.typologie = typologie
    }
}

extension FaitPilotage {
    /// The facts of an accueil (its Europe/Paris day; `demandeId` already resolved by the server).
    public static func accueil(_ a: Accueil, recuLe: Date) -> FaitPilotage {
        FaitPilotage(nature: .accueil, guichet: a.guichetCode, jour: a.jour, entite: a.demandeId, code: a.type.rawValue,
                     valeur: DrapeauxAccueil(a).rawValue, recuLe: recuLe)
    }

    public static func piece(_ p: Piece, recuLe: Date) -> FaitPilotage {
        FaitPilotage(nature: .piece, guichet: p.guichetCode, jour: Jour(p.recueLe, timeZone: .paris), entite: p.demandeId,
                     code: p.type.rawValue, recuLe: recuLe)
    }

    /// An offer's event (publiee, candidatsDesignes, attribuee, retiree) on its Europe/Paris day.
    public static func offre(_ o: Offre, evenement: String, jour: Jour, recuLe: Date) -> FaitPilotage {
        FaitPilotage(nature: .offre, guichet: nil, jour: jour, entite: o.id, code: evenement,
                     offre: OffrePilotage(commune: o.communeInsee, typologie: o.typologie), recuLe: recuLe)
    }

    /// A registration counted on `jour` (the guichet's day); the delay runs from the dépôt to the numéro unique.
    public static func enregistrement(_ d: Demande, guichet: String, jour: Jour, recuLe: Date) -> FaitPilotage? {
        guard let depot = d.dates.depot, let enregistrement = d.dates.enregistrement else { return nil }
        let horsDelai = enregistrement > depot.ajoutant(mois: 1)
        return FaitPilotage(nature: .enregistrement, guichet: guichet, jour: jour, entite: d.id, code: horsDelai ? "horsDelai" : nil,
                            valeur: depot.jours(jusqua: enregistrement), recuLe: recuLe)
    }

    public static func etat(_ d: Demande, guichetOrigine: String, pieces: [Piece], guichet: String?, jour: Jour, recuLe: Date) -> FaitPilotage {
        FaitPilotage(nature: .etat, guichet: guichet, jour: jour, entite: d.id,
                     etat: EtatDemandePilotage(d, guichetOrigine: guichetOrigine, pieces: pieces, au: jour), recuLe: recuLe)
    }

    /// The facts a demande imported with its history carries (demo data, migrations): its registration, last
    /// renewal, radiation or attribution on their own days, and its state.
    public static func historique(_ d: Demande, guichetOrigine: String, pieces: [Piece], recuLe: Date) -> [FaitPilotage] {
        var faits: [FaitPilotage] = []
        if let e = d.dates.enregistrement, let f = enregistrement(d, guichet: guichetOrigine, jour: e, recuLe: recuLe) { faits.append(f) }
        if let r = d.dates.dernierRenouvellement {
            faits.append(FaitPilotage(nature: .renouvellement, guichet: guichetOrigine, jour: r, entite: d.id, recuLe: recuLe))
        }
        if let radiation = d.radiation {
            faits.append(FaitPilotage(nature: .radiation, guichet: guichetOrigine, jour: radiation.le, entite: d.id,
                                      code: radiation.motif.rawValue, recuLe: recuLe))
        }
        let jourEtat = [d.dates.attribution, d.dates.radiation, d.dates.dernierRenouvellement, d.dates.enregistrement, d.dates.depot]
            .compactMap { $0 }.max() ?? Jour(recuLe, timeZone: .paris)
        faits.append(etat(d, guichetOrigine: guichetOrigine, pieces: pieces, guichet: guichetOrigine, jour: jourEtat, recuLe: recuLe))
        return faits
    }
}
