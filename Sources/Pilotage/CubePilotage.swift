import Foundation

/// The pilotage rollups, kept current fact by fact (`integrer`), never by rescanning history per page view:
/// daily counters per guichet, the registration delays, the latest state of each demande, the offers' events.
///
/// Folding is order-independent for counters; for a demande's state the latest fact wins, and facts are folded
/// in the order the server committed them. A late fact (a permanence syncing a week later) lands on its own day.
public struct CubePilotage: Sendable {
    // Counter slots of a guichet: the accueil kinds and reports, the demande events, one slot per radiation motif.
    static let visite = 0, appel = 1, rdv = 2, orientation = 3, pmr = 4, priorite = 5, enregistrement = 6,
        renouvellement = 7, modification = 8, piece = 9, radiation0 = 10
    static let nombreCompteurs = radiation0 + MotifRadiation.allCases.count
    static let indexMotif = Dictionary(uniqueKeysWithValues: MotifRadiation.allCases.enumerated().map { ($1.rawValue, $0) })

    struct Delai: Sendable {
        var jour: Int
        var jours: Int
        var horsDelai: Bool
    }

    struct SuiviOffre: Sendable {
        var offre: OffrePilotage?
        var publiee: Int?
        var premiereDesignation: Int?
        var attribuee: Int?
    }

    private(set) var codes: [String] = []
    private var index: [String: Int] = [:]
    var compteurs: [[SerieJournaliere?]] = []
    var delais: [[Delai]] = []
    var moisActifs: [Set<Int>] = []
    var dernierContact: [Date?] = []
    var demandes: [UUID: EtatDemandePilotage] = [:]
    /// Rendez-vous days (with their guichet) of each demande.
    var rendezVous: [UUID: [(jour: Int, guichet: Int)]] = [:]
    /// First proposal day of each demande.
    var propositions: [UUID: Int] = [:]
    var offres: [UUID: SuiviOffre] = [:]
    public private(set) var nombreFaits = 0

    public init() {}

    func indice(_ code: String) -> Int? { index[code] }

    private mutating func indiceOuNouveau(_ code: String) -> Int {
        if let i = index[code] { return i }
        let i = codes.count
        codes.append(code)
        index[code] = i
        compteurs.append(Array(repeating: nil, count: Self.nombreCompteurs))
        delais.append([])
        moisActifs.append([])
        dernierContact.append(nil)
        return i
    }

    private mutating func compter(_ g: Int, _ slot: Int, _ jour: Int) {
        if compteurs[g][slot] == nil { compteurs[g][slot] = SerieJournaliere(jour: jour) }
        compteurs[g][slot]!.ajouter(jour)
    }

    public mutating func integrer(_ f: FaitPilotage) {
        nombreFaits += 1
        let jour = f.jour.jourJulien
        var g: Int?
        if let code = f.guichet {
            let i = indiceOuNouveau(code)
            g = i
            moisActifs[i].insert(f.jour.annee * 12 + f.jour.mois - 1)
            if dernierContact[i].map({ $0 < f.recuLe }) ?? true { dernierContact[i] = f.recuLe }
        }
        switch f.nature {
        case .accueil:
            guard let g else { return }
            switch f.code.flatMap(TypeAccueil.init(rawValue:)) {
            case .visite: compter(g, Self.visite, jour)
            case .appel: compter(g, Self.appel, jour)
            case .rendezVous:
                compter(g, Self.rdv, jour)
                if let d = f.entite { rendezVous[d, default: []].append((jour, g)) }
            case nil: break
            }
            let drapeaux = DrapeauxAccueil(rawValue: f.valeur ?? 0)
            if drapeaux.contains(.orientationNiveau3) { compter(g, Self.orientation, jour) }
            if drapeaux.contains(.pmr) { compter(g, Self.pmr, jour) }
            if drapeaux.contains(.prioriteBloquee) { compter(g, Self.priorite, jour) }
        case .enregistrement:
            guard let g else { return }
            compter(g, Self.enregistrement, jour)
            if let v = f.valeur { delais[g].append(Delai(jour: jour, jours: v, horsDelai: f.code == "horsDelai")) }
        case .renouvellement:
            if let g { compter(g, Self.renouvellement, jour) }
        case .modification:
            if let g { compter(g, Self.modification, jour) }
        case .piece:
            if let g { compter(g, Self.piece, jour) }
        case .radiation:
            if let g, let m = f.code.flatMap({ Self.indexMotif[$0] }) { compter(g, Self.radiation0 + m, jour) }
        case .etat:
            if let d = f.entite, let e = f.etat { demandes[d] = e }
        case .offre:
            guard let o = f.entite else { return }
            var s = offres[o] ?? SuiviOffre()
            if let info = f.offre { s.offre = info }
            switch f.code {
            case "publiee": s.publiee = min(s.publiee ?? jour, jour)
            case "candidatsDesignes": s.premiereDesignation = min(s.premiereDesignation ?? jour, jour)
            case "attribuee": s.attribuee = min(s.attribuee ?? jour, jour)
            default: break
            }
            offres[o] = s
        case .proposition:
            if let d = f.entite { propositions[d] = min(propositions[d] ?? jour, jour) }
        }
    }
}
