import Foundation

/// The figures of one request, as `GET /v1/indicateurs` returns them and the dashboard shows them.
///
/// Every figure is "as of" a server sequence (`arreteALaSequence`): a guichet that syncs later may change it.
public struct Indicateurs: Sendable, Hashable, Codable {
    public var requete: RequetePilotage
    /// The last server sequence folded into these figures.
    public var arreteALaSequence: Int64
    /// Months of the period not final yet: running, or a guichet active in it has not synced since it ended.
    public var moisProvisoires: [MoisProvisoire]
    public var accueil: CompteursAccueil
    public var demandes: CompteursDemandes
    public var stock: Stock
    public var offres: CompteursOffres
    public var qualite: QualiteDonnees
    public var reseau: [SanteGuichet]
    public var parGuichet: [LigneGuichet]
    public var serie: [PointSerie]
    /// The objectives of the partners' dashboard, each with its value in the period and whether it is reached.
    public var objectifs: [Objectif] = []

    public var provisoire: Bool { !moisProvisoires.isEmpty }
}

/// An objective: a rate to reach (0…1). The legal ones come from the CCH; the others are the métropole's defaults.
public struct Objectif: Sendable, Hashable, Codable {
    public var cle: String
    public var libelle: String
    public var cible: Double
    /// Nil when nothing in the period measures it.
    public var valeur: Double?
    public var atteint: Bool? { valeur.map { $0 >= cible } }

    public init(cle: String, libelle: String, cible: Double, valeur: Double?) {
        self.cle = cle
        self.libelle = libelle
        self.cible = cible
        self.valeur = valeur
    }

    /// The objectives measured from a period's figures.
    public static func mesurer(_ i: Indicateurs) -> [Objectif] {
        [
            Objectif(cle: "enregistrementSousUnMois", libelle: "Demandes enregistrées dans le mois du dépôt (L441-2-1)", cible: 1,
                     valeur: i.demandes.delaiEnregistrement.partHorsDelai.map { 1 - $0 }),
            Objectif(cle: "rendezVousSousUnMois", libelle: "Premier rendez-vous dans le mois de l'enregistrement (PPGD)", cible: 1,
                     valeur: i.demandes.delaiPremierRendezVous.partHorsDelai.map { 1 - $0 }),
            Objectif(cle: "couvertureOffres", libelle: "Offres publiées avec au moins un candidat désigné", cible: 0.9, valeur: i.offres.tauxCouverture),
            Objectif(cle: "dossiersComplets", libelle: "Demandes actives au dossier complet", cible: 0.8, valeur: i.stock.tauxCompletude),
        ]
    }
}

public struct MoisProvisoire: Sendable, Hashable, Codable {
    /// "2026-10".
    public var mois: String
    /// The month has not ended yet.
    public var enCours: Bool
    /// Guichets that were active in the month (facts in it, or a device enrolled before its end) and have not
    /// synced since it ended: they may still hold events of the month.
    public var guichetsEnAttente: [String]
    public init(mois: String, enCours: Bool, guichetsEnAttente: [String]) {
        self.mois = mois
        self.enCours = enCours
        self.guichetsEnAttente = guichetsEnAttente
    }
}

public struct CompteursAccueil: Sendable, Hashable, Codable {
    public var visites = 0
    public var appels = 0
    public var rendezVous = 0
    public var orientationsNiveau3 = 0
    public var pmr = 0
    public var prioritesBloquees = 0
    public init() {}
    public var total: Int { visites + appels + rendezVous }
}

/// Median, 90th percentile (nearest rank) and share over the legal limit of a list of delays in days.
public struct Delais: Sendable, Hashable, Codable {
    public var nombre: Int
    public var medianeJours: Int?
    public var p90Jours: Int?
    /// Share (0…1) over the legal month; nil when there is no legal limit or no delay.
    public var partHorsDelai: Double?
    /// Counts by band (for the chart): 0–7, 8–15, 16–30, 31–45, 46+ days.
    public var tranches: [Int]

    public static let libellesTranches = ["0 à 7 j", "8 à 15 j", "16 à 30 j", "31 à 45 j", "46 j et plus"]

    public init(jours: [Int], horsDelai: Int?) {
        let tries = jours.sorted()
        nombre = tries.count
        func rang(_ p: Double) -> Int? {
            guard !tries.isEmpty else { return nil }
            let r = Int((p * Double(tries.count)).rounded(.up))
            return tries[max(0, min(tries.count - 1, r - 1))]
        }
        medianeJours = rang(0.5)
        p90Jours = rang(0.9)
        partHorsDelai = horsDelai.flatMap { tries.isEmpty ? nil : Double($0) / Double(tries.count) }
        var t = [0, 0, 0, 0, 0]
        for j in tries {
            switch j {
            case ..<8: t[0] += 1
            case 8...15: t[1] += 1
            case 16...30: t[2] += 1
            case 31...45: t[3] += 1
            default: t[4] += 1
            }
        }
        tranches = t
    }
}

public struct CompteursDemandes: Sendable, Hashable, Codable {
    public var enregistrees = 0
    public var renouvelees = 0
    public var modifiees = 0
    /// By `MotifRadiation` raw value; every motif present (0 when none).
    public var radiees: [String: Int] = Dictionary(uniqueKeysWithValues: MotifRadiation.allCases.map { ($0.rawValue, 0) })
    public var piecesRecues = 0
    /// Dépôt → numéro unique, for demandes registered in the period (legal limit: one month, L441-2-1).
    public var delaiEnregistrement = Delais(jours: [], horsDelai: 0)
    /// Registration → first rendez-vous on or after it, for first rendez-vous held in the period (PPGD limit: one
    /// month, up to two in large urban zones — L441-2-8; the share over one month is given).
    public var delaiPremierRendezVous = Delais(jours: [], horsDelai: 0)
    public init() {}
    public var radieesTotal: Int { radiees.values.reduce(0, +) }
}

public struct Compte: Sendable, Hashable, Codable {
    public var cle: String
    public var libelle: String
    public var nombre: Int
    public init(cle: String, libelle: String, nombre: Int) {
        self.cle = cle
        self.libelle = libelle
        self.nombre = nombre
    }
}

/// The stock on the last day of the period.
public struct Stock: Sendable, Hashable, Codable {
    public var actives = 0
    public var parAnciennete: [Compte] = []
    public var parTypologie: [Compte] = []
    public var parCommune: [Compte] = []
    /// Validity ends in the month after the period.
    public var renouvellementsMoisSuivant = 0
    /// Share (0…1) of active demandes whose dossier is complete for instruction.
    public var tauxCompletude: Double?
    public var sansPropositionSixMois = 0
    /// The oldest first, up to the request's limit.
    public var listeSansProposition: [DemandeSansProposition] = []
    public init() {}

    public static let tranchesAnciennete: [(cle: String, libelle: String, moisMin: Int)] = [
        ("moins6mois", "moins de 6 mois", 0), ("6a12mois", "6 à 12 mois", 6), ("1a2ans", "1 à 2 ans", 12),
        ("2a3ans", "2 à 3 ans", 24), ("3ansEtPlus", "3 ans et plus", 36),
    ]
}

public struct DemandeSansProposition: Sendable, Hashable, Codable {
    public var numeroUnique: String
    public var guichetOrigine: String
    public var depot: Jour
    public var ancienneteMois: Int
    public var typologie: String?
    public var commune: String?
}

public struct CompteursOffres: Sendable, Hashable, Codable {
    public var publiees = 0
    /// Published in the period and with at least one candidate designated by the period's end.
    public var avecCandidats = 0
    public var attribuees = 0
    public var tauxCouverture: Double?
    /// Active demandes ÷ attributions over the twelve months to the period's end.
    public var tension: Double?
    public var attributionsDouzeMois = 0
    /// Average wait (dépôt → attribution) of demandes attributed in the period, by typologie and commune (PPGD).
    public var attenteSatisfaites: [AttenteMoyenne] = []
    public init() {}
}

public struct AttenteMoyenne: Sendable, Hashable, Codable {
    public var typologie: String
    public var commune: String
    public var nombre: Int
    public var moyenneJours: Int
}

public struct QualiteDonnees: Sendable, Hashable, Codable {
    public var sansRevenuFiscal = 0
    /// Active demandes sharing an identity with another active demande of the métropole.
    public var doublonsSuspects = 0
    public init() {}
}

public struct SanteGuichet: Sendable, Hashable, Codable {
    public var code: String
    public var nom: String
    public var niveau: Int
    public var appareils: Int
    public var derniereSynchro: Date?
    public var commandesEnAttente: Int
    public var piecesEnAttente: Int
    public var horlogeSignalee: Bool
    /// First enrollment of a device still active: from then on the guichet may hold unsent work.
    public var enroleLe: Date?
    public init(code: String, nom: String, niveau: Int, appareils: Int, derniereSynchro: Date?, commandesEnAttente: Int,
                piecesEnAttente: Int, horlogeSignalee: Bool, enroleLe: Date? = nil) {
        self.enroleLe = enroleLe
        self.code = code
        self.nom = nom
        self.niveau = niveau
        self.appareils = appareils
        self.derniereSynchro = derniereSynchro
        self.commandesEnAttente = commandesEnAttente
        self.piecesEnAttente = piecesEnAttente
        self.horlogeSignalee = horlogeSignalee
    }
}

public struct LigneGuichet: Sendable, Hashable, Codable {
    public var code: String
    public var nom: String
    public var commune: String
    public var niveau: Int
    public var visites = 0
    public var appels = 0
    public var rendezVous = 0
    public var enregistrees = 0
    public var renouvelees = 0
    public var modifiees = 0
    public var radiees = 0
    public var piecesRecues = 0
    public var delaiMedianJours: Int?
    public var stockActif = 0
    public var sansPropositionSixMois = 0
}

public struct PointSerie: Sendable, Hashable, Codable {
    /// First day of the bucket.
    public var debut: Jour
    public var libelle: String
    public var visites = 0
    public var appels = 0
    public var rendezVous = 0
    public var enregistrees = 0
    public var renouvelees = 0
    public var piecesRecues = 0
}
