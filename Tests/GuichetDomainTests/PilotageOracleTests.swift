import Foundation
import GuichetDomain
import Testing

/// The rollups (`CubePilotage`, folded fact by fact in arrival order) against a brute-force recomputation from the
/// raw fact list, on seeded random logs with late arrivals, month ends and both daylight-saving changes.
@Suite("Pilotage : indicateurs contre l'oracle")
struct PilotageOracleTests {
    static let guichets: [Guichet] = [
        Guichet(code: "GRE01", nom: "Grenoble", communeInsee: "38185", niveau: .trois, type: .communal),
        Guichet(code: "ECH01", nom: "Échirolles", communeInsee: "38151", niveau: .deux, type: .communal),
        Guichet(code: "SMH01", nom: "Saint-Martin-d'Hères", communeInsee: "38421", niveau: .un, type: .communal),
        Guichet(code: "PERM1", nom: "Permanence", communeInsee: "38185", niveau: .deux, type: .permanenceMobile),
    ]

    /// Europe/Paris offset computed by the EU rule, independently of Foundation: summer time from the last Sunday
    /// of March 01:00 UTC to the last Sunday of October 01:00 UTC.
    static func jourParis(_ instant: Date) -> Jour {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let annee = utc.component(.year, from: instant)
        func dernierDimanche(_ mois: Int) -> Date {
            var j = utc.date(from: DateComponents(year: annee, month: mois + 1, day: 1, hour: 1))!
            repeat { j = j.addingTimeInterval(-86400) } while utc.component(.weekday, from: j) != 1
            return j
        }
        let ete = instant >= dernierDimanche(3) && instant < dernierDimanche(10)
        let local = instant.addingTimeInterval(ete ? 7200 : 3600)
        let c = utc.dateComponents([.year, .month, .day], from: local)
        return Jour(c.year!, c.month!, c.day!)!
    }

    struct Journal {
        var faits: [FaitPilotage] = []
        var maintenant: Date
        var reseau: [SanteGuichet]
    }

    /// Instants that matter: around both DST changes of 2025 and 2026, month ends at 23:30 and 00:30 Paris.
    static func instant(_ rng: inout SplitMix64) -> Date {
        let base = Date(timeIntervalSince1970: 1_735_689_600) // 2025-01-01T00:00Z
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: // around 2025-03-30 01:00Z and 2026-03-29 01:00Z (spring forward)
            let pivot = [Date(timeIntervalSince1970: 1_743_296_400), Date(timeIntervalSince1970: 1_774_746_000)].randomElement(using: &rng)!
            return pivot.addingTimeInterval(Double(Int.random(in: -4 * 3600...4 * 3600, using: &rng)))
        case 1: // around 2025-10-26 01:00Z and 2026-10-25 01:00Z (fall back)
            let pivot = [Date(timeIntervalSince1970: 1_761_440_400), Date(timeIntervalSince1970: 1_792_890_000)].randomElement(using: &rng)!
            return pivot.addingTimeInterval(Double(Int.random(in: -4 * 3600...4 * 3600, using: &rng)))
        case 2: // a month end, 21:00Z to 01:00Z
            let m = Int.random(in: 1...22, using: &rng)
            var utc = Calendar(identifier: .gregorian)
            utc.timeZone = TimeZone(identifier: "UTC")!
            let debut = utc.date(from: DateComponents(year: 2025, month: m + 1, day: 1))!
            return debut.addingTimeInterval(Double(Int.random(in: -3 * 3600...3600, using: &rng)))
        default:
            return base.addingTimeInterval(Double(Int.random(in: 0..<(660 * 86400), using: &rng)))
        }
    }

    static func journal(graine: UInt64) -> Journal {
        var rng = SplitMix64(graine: graine)
        let maintenant = Date(timeIntervalSince1970: 1_795_000_000) // 2026-11-18
        let recu0 = Date(timeIntervalSince1970: 1_735_689_600)
        var faits: [FaitPilotage] = []
        let codes = guichets.map(\.code) + ["HORS1"] // a guichet missing from the table
        let ids = (0..<60).map { _ in UUID.v7(now: recu0, using: &rng) }
        let offres = (0..<15).map { _ in UUID.v7(now: recu0, using: &rng) }
        for _ in 0..<Int.random(in: 300...700, using: &rng) {
            let instant = instant(&rng)
            let jour = jourParis(instant)
            let g = codes.randomElement(using: &rng)!
            // Received later than it happened, sometimes much later (a permanence offline for days).
            let recu = instant.addingTimeInterval(Double(Int.random(in: 0...(Bool.random(using: &rng) ? 3600 : 40 * 86400), using: &rng)))
            let d = ids.randomElement(using: &rng)!
            switch Int.random(in: 0..<10, using: &rng) {
            case 0, 1, 2:
                let a = Accueil(id: UUID.v7(now: instant, using: &rng), type: TypeAccueil.allCases.randomElement(using: &rng)!, le: instant,
                                guichetCode: g, agent: "ag", niveauService: .un, demandeId: Bool.random(using: &rng) ? d : nil,
                                orientationNiveau3: Int.random(in: 0..<4, using: &rng) == 0, pmr: Int.random(in: 0..<5, using: &rng) == 0,
                                prioriteBloquee: Int.random(in: 0..<6, using: &rng) == 0)
                faits.append(.accueil(a, recuLe: recu))
            case 3:
                let delai = Int.random(in: 0...50, using: &rng)
                faits.append(FaitPilotage(nature: .enregistrement, guichet: g, jour: jour, entite: d, code: delai > 31 ? "horsDelai" : nil,
                                          valeur: delai, recuLe: recu))
            case 4:
                faits.append(FaitPilotage(nature: [.renouvellement, .modification, .piece].randomElement(using: &rng)!, guichet: g, jour: jour,
                                          entite: d, code: "identite", recuLe: recu))
            case 5:
                faits.append(FaitPilotage(nature: .radiation, guichet: g, jour: jour, entite: d,
                                          code: MotifRadiation.allCases.randomElement(using: &rng)!.rawValue, recuLe: recu))
            case 6, 7:
                let depot = jour.ajoutant(jours: -Int.random(in: 0...1200, using: &rng))
                let enregistrement = Bool.random(using: &rng) ? depot.ajoutant(jours: Int.random(in: 0...40, using: &rng)) : nil
                let statut = [StatutDemande.enregistree, .renouvelee, .radiee, .attribuee, .deposee].randomElement(using: &rng)!
                let fin = enregistrement.map { $0.ajoutant(jours: Int.random(in: 0...500, using: &rng)) }
                let e = EtatDemandePilotage(
                    statut: statut, guichetOrigine: codes.randomElement(using: &rng)!, numeroUnique: "NUR\(ids.firstIndex(of: d)!)",
                    depot: depot, enregistrement: enregistrement, ancrage: Bool.random(using: &rng) ? depot : depot.ajoutant(mois: 12),
                    radiation: statut == .radiee ? fin : nil, attribution: statut == .attribuee ? fin : nil,
                    typologie: Typologie.allCases.randomElement(using: &rng), commune: ["38185", "38151", nil].randomElement(using: &rng)!,
                    sansRFR: Bool.random(using: &rng), cleDoublon: "id\(Int.random(in: 0..<45, using: &rng))", complet: Bool.random(using: &rng))
                faits.append(FaitPilotage(nature: .etat, guichet: g, jour: jour, entite: d, etat: e, recuLe: recu))
            case 8:
                let o = offres.randomElement(using: &rng)!
                let info = OffrePilotage(commune: ["38185", "38151"][offres.firstIndex(of: o)! % 2], typologie: .t3)
                faits.append(FaitPilotage(nature: .offre, guichet: nil, jour: jour, entite: o,
                                          code: ["publiee", "candidatsDesignes", "attribuee", "retiree"].randomElement(using: &rng)!, offre: info, recuLe: recu))
            default:
                faits.append(FaitPilotage(nature: .proposition, guichet: nil, jour: jour, entite: d, recuLe: recu))
            }
        }
        // Arrival order: by reception, so late facts land after later ones.
        faits.sort { $0.recuLe < $1.recuLe }
        let reseau = guichets.map { g in
            SanteGuichet(code: g.code, nom: g.nom, niveau: g.niveau.rawValue, appareils: 1,
                         derniereSynchro: Bool.random(using: &rng) ? nil : recu0.addingTimeInterval(Double(Int.random(in: 0...(700 * 86400), using: &rng))),
                         commandesEnAttente: 0, piecesEnAttente: 0, horlogeSignalee: false,
                         enroleLe: Bool.random(using: &rng) ? nil : recu0.addingTimeInterval(Double(Int.random(in: 0...(600 * 86400), using: &rng))))
        }
        return Journal(faits: faits, maintenant: maintenant, reseau: reseau)
    }

    static func requete(_ rng: inout SplitMix64) -> RequetePilotage {
        let du = Jour(2025, 1, 1)!.ajoutant(jours: Int.random(in: 0...600, using: &rng))
        let au = du.ajoutant(jours: Int.random(in: 0...400, using: &rng))
        var r = RequetePilotage(du: du, au: au, pas: RequetePilotage.Pas.allCases.randomElement(using: &rng)!, limiteListe: 1000)
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: r.commune = "38185"
        case 1: r.niveau = .deux
        case 2: r.guichet = guichets.randomElement(using: &rng)!.code
        default: break
        }
        return r
    }

    // MARK: The oracle: plain loops over the raw facts.

    struct Oracle {
        let j: Journal
        let r: RequetePilotage
        var retenus: Set<String>? {
            guard r.commune != nil || r.niveau != nil || r.guichet != nil else { return nil }
            return Set(PilotageOracleTests.guichets.filter { g in
                (r.commune == nil || g.communeInsee == r.commune) && (r.niveau == nil || g.niveau == r.niveau) && (r.guichet == nil || g.code == r.guichet)
            }.map(\.code))
        }
        func retenu(_ g: String?) -> Bool { g.map { retenus?.contains($0) ?? true } ?? false }
        func dansPeriode(_ f: FaitPilotage) -> Bool { f.jour >= r.du && f.jour <= r.au }
        func compte(_ p: (FaitPilotage) -> Bool) -> Int { j.faits.filter { dansPeriode($0) && retenu($0.guichet) && p($0) }.count }
        func accueil(_ t: TypeAccueil) -> Int { compte { $0.nature == .accueil && $0.code == t.rawValue } }
        func drapeau(_ d: DrapeauxAccueil) -> Int { compte { $0.nature == .accueil && ($0.valeur ?? 0) & d.rawValue != 0 } }
        static func rang(_ xs: [Int], _ p: Double) -> Int? {
            let s = xs.sorted()
            guard !s.isEmpty else { return nil }
            var k = 0
            while Double(k + 1) < p * Double(s.count) { k += 1 }
            return s[k]
        }
        /// The latest state of each demande: the last `etat` fact in arrival order.
        var etats: [UUID: EtatDemandePilotage] {
            var e: [UUID: EtatDemandePilotage] = [:]
            for f in j.faits where f.nature == .etat { e[f.entite!] = f.etat! }
            return e
        }
        func actif(_ e: EtatDemandePilotage) -> Bool {
            guard let enr = e.enregistrement, enr <= r.au, e.statut != .deposee, e.statut != .brouillon else { return false }
            if let a = e.attribution, a <= r.au { return false }
            if e.statut == .radiee, let x = e.radiation, x <= r.au { return false }
            return true
        }
    }

    static func verifier(graine: UInt64) {
        let journal = journal(graine: graine)
        var cube = CubePilotage()
        for f in journal.faits { cube.integrer(f) }
        var rng = SplitMix64(graine: graine &* 31)
        for _ in 0..<12 {
            let r = requete(&rng)
            let i = cube.calculer(r, guichets: guichets, reseau: journal.reseau, maintenant: journal.maintenant, arreteALaSequence: 7)
            let o = Oracle(j: journal, r: r)
            let contexte = Comment(rawValue: "graine \(graine), requête \(r.parametres)")
            #expect(i.arreteALaSequence == 7)
            #expect(i.accueil.visites == o.accueil(.visite), contexte)
            #expect(i.accueil.appels == o.accueil(.appel), contexte)
            #expect(i.accueil.rendezVous == o.accueil(.rendezVous), contexte)
            #expect(i.accueil.orientationsNiveau3 == o.drapeau(.orientationNiveau3), contexte)
            #expect(i.accueil.pmr == o.drapeau(.pmr), contexte)
            #expect(i.accueil.prioritesBloquees == o.drapeau(.prioriteBloquee), contexte)
            #expect(i.demandes.enregistrees == o.compte { $0.nature == .enregistrement }, contexte)
            #expect(i.demandes.renouvelees == o.compte { $0.nature == .renouvellement }, contexte)
            #expect(i.demandes.modifiees == o.compte { $0.nature == .modification }, contexte)
            #expect(i.demandes.piecesRecues == o.compte { $0.nature == .piece }, contexte)
            for m in MotifRadiation.allCases {
                #expect(i.demandes.radiees[m.rawValue] == o.compte { $0.nature == .radiation && $0.code == m.rawValue }, contexte)
            }
            let delais = journal.faits.filter { $0.nature == .enregistrement && o.dansPeriode($0) && o.retenu($0.guichet) }
            #expect(i.demandes.delaiEnregistrement.nombre == delais.count, contexte)
            #expect(i.demandes.delaiEnregistrement.medianeJours == Oracle.rang(delais.map { $0.valeur! }, 0.5), contexte)
            #expect(i.demandes.delaiEnregistrement.p90Jours == Oracle.rang(delais.map { $0.valeur! }, 0.9), contexte)
            let hors = delais.filter { $0.code == "horsDelai" }.count
            #expect(i.demandes.delaiEnregistrement.partHorsDelai == (delais.isEmpty ? nil : Double(hors) / Double(delais.count)), contexte)

            // First rendez-vous on or after the registration.
            let etats = o.etats
            var premiers: [Int] = []
            var horsMois = 0
            for (id, e) in etats {
                guard let enregistrement = e.enregistrement else { continue }
                let rdvs = journal.faits.filter { $0.nature == .accueil && $0.code == "rdv" && $0.entite == id && $0.jour >= enregistrement }
                guard let premier = rdvs.min(by: { ($0.jour, $0.guichet!) < ($1.jour, $1.guichet!) }) else { continue }
                if o.dansPeriode(premier) && o.retenu(premier.guichet) {
                    premiers.append(enregistrement.jours(jusqua: premier.jour))
                    if premier.jour > enregistrement.ajoutant(mois: 1) { horsMois += 1 }
                }
            }
            #expect(i.demandes.delaiPremierRendezVous.nombre == premiers.count, contexte)
            #expect(i.demandes.delaiPremierRendezVous.medianeJours == Oracle.rang(premiers, 0.5), contexte)
            #expect(i.demandes.delaiPremierRendezVous.partHorsDelai == (premiers.isEmpty ? nil : Double(horsMois) / Double(premiers.count)), contexte)

            // Stock on the last day.
            let actives = etats.filter { o.actif($0.value) }
            let retenues = actives.filter { o.retenu($0.value.guichetOrigine) }
            #expect(i.stock.actives == retenues.count, contexte)
            for (k, t) in Stock.tranchesAnciennete.enumerated() {
                let haut = k + 1 < Stock.tranchesAnciennete.count ? Stock.tranchesAnciennete[k + 1].moisMin : Int.max
                let n = retenues.values.filter { let m = $0.depot!.moisRevolus(jusqua: r.au); return m >= t.moisMin && m < haut }.count
                #expect(i.stock.parAnciennete[k].nombre == n, contexte)
            }
            for t in i.stock.parTypologie {
                #expect(t.nombre == retenues.values.filter { ($0.typologie?.rawValue ?? "?") == t.cle }.count, contexte)
            }
            #expect(i.stock.parTypologie.map(\.nombre).reduce(0, +) == retenues.count, contexte)
            #expect(i.stock.parCommune.map(\.nombre).reduce(0, +) == retenues.count, contexte)
            let suivant = r.au.ajoutant(mois: 1)
            #expect(i.stock.renouvellementsMoisSuivant == retenues.values.filter {
                let fin = $0.ancrage!.ajoutant(mois: 12); return fin.annee == suivant.annee && fin.mois == suivant.mois
            }.count, contexte)
            let complets = retenues.values.filter(\.complet).count
            #expect(i.stock.tauxCompletude == (retenues.isEmpty ? nil : Double(complets) / Double(retenues.count)), contexte)
            #expect(i.qualite.sansRevenuFiscal == retenues.values.filter(\.sansRFR).count, contexte)
            #expect(i.qualite.doublonsSuspects == retenues.values.filter { e in actives.values.filter { $0.cleDoublon == e.cleDoublon }.count > 1 }.count, contexte)
            let sansProposition = retenues.filter { id, e in
                e.depot!.moisRevolus(jusqua: r.au) >= 6
                    && !journal.faits.contains { $0.nature == .proposition && $0.entite == id && $0.jour <= r.au }
            }
            #expect(i.stock.sansPropositionSixMois == sansProposition.count, contexte)
            #expect(Set(i.stock.listeSansProposition.map(\.numeroUnique)) == Set(sansProposition.values.map { $0.numeroUnique! }), contexte)
            #expect(i.stock.listeSansProposition.map(\.depot) == i.stock.listeSansProposition.map(\.depot).sorted(), contexte)

            // Offers: first day of each kind of event per offer.
            var premier: [UUID: [String: Jour]] = [:]
            var commune: [UUID: String] = [:]
            for f in journal.faits where f.nature == .offre {
                let o = f.entite!
                commune[o] = f.offre!.commune
                if let d = premier[o]?[f.code!], d <= f.jour { continue }
                premier[o, default: [:]][f.code!] = f.jour
            }
            let offres = premier.filter { r.commune == nil || commune[$0.key] == r.commune }
            let publiees = offres.filter { $0.value["publiee"].map { $0 >= r.du && $0 <= r.au } ?? false }
            #expect(i.offres.publiees == publiees.count, contexte)
            #expect(i.offres.avecCandidats == publiees.filter { $0.value["candidatsDesignes"].map { $0 <= r.au } ?? false }.count, contexte)
            #expect(i.offres.attribuees == offres.filter { $0.value["attribuee"].map { $0 >= r.du && $0 <= r.au } ?? false }.count, contexte)
            let attributions = etats.values.filter { o.retenu($0.guichetOrigine) && $0.attribution.map { $0 > r.au.ajoutant(mois: -12) && $0 <= r.au } ?? false }
            #expect(i.offres.attributionsDouzeMois == attributions.count, contexte)
            #expect(i.offres.tension == (attributions.isEmpty ? nil : Double(retenues.count) / Double(attributions.count)), contexte)
            let satisfaites = etats.values.filter { o.retenu($0.guichetOrigine) && $0.attribution.map { $0 >= r.du && $0 <= r.au } ?? false }
            #expect(i.offres.attenteSatisfaites.map(\.nombre).reduce(0, +) == satisfaites.count, contexte)
            for a in i.offres.attenteSatisfaites {
                let groupe = satisfaites.filter { ($0.typologie?.rawValue ?? "?") == a.typologie && ($0.commune ?? "?") == a.commune }
                let moyenne = Double(groupe.map { $0.depot!.jours(jusqua: $0.attribution!) }.reduce(0, +)) / Double(groupe.count)
                #expect(a.nombre == groupe.count && a.moyenneJours == Int(moyenne.rounded()), contexte)
            }

            // Objectives: measured from the same figures.
            #expect(i.objectifs.first { $0.cle == "enregistrementSousUnMois" }?.valeur == (delais.isEmpty ? nil : 1 - Double(hors) / Double(delais.count)), contexte)
            #expect(i.objectifs.first { $0.cle == "couvertureOffres" }?.valeur == i.offres.tauxCouverture, contexte)

            // Series: every bucket sums to the period's totals.
            #expect(i.serie.map(\.visites).reduce(0, +) == i.accueil.visites, contexte)
            #expect(i.serie.map(\.enregistrees).reduce(0, +) == i.demandes.enregistrees, contexte)
            for (k, p) in i.serie.enumerated() {
                let fin = k + 1 < i.serie.count ? i.serie[k + 1].debut.ajoutant(jours: -1) : r.au
                let n = journal.faits.filter { $0.nature == .accueil && $0.code == "visite" && $0.jour >= max(p.debut, r.du) && $0.jour <= fin && o.retenu($0.guichet) }.count
                #expect(p.visites == n, contexte)
            }
            // Per-guichet rows add up to the totals when every fact's guichet is in the table.
            if r.guichet != nil {
                #expect(i.parGuichet.map(\.visites).reduce(0, +) == i.accueil.visites, contexte)
                #expect(i.parGuichet.map(\.stockActif).reduce(0, +) == i.stock.actives, contexte)
            }

            // Provisional months: running, or a guichet active in the month not heard from since it ended.
            var attendus: [MoisProvisoire] = []
            var m = Jour(r.du.annee, r.du.mois, 1)!
            while m <= r.au {
                let fin = m.ajoutant(mois: 1).debut(timeZone: .paris)
                let nom = String(format: "%04d-%02d", m.annee, m.mois)
                if fin > journal.maintenant {
                    attendus.append(MoisProvisoire(mois: nom, enCours: true, guichetsEnAttente: []))
                } else {
                    var actifs = Set(journal.faits.filter { $0.guichet != nil && o.retenu($0.guichet) && $0.jour.annee == m.annee && $0.jour.mois == m.mois }.map { $0.guichet! })
                    actifs.formUnion(journal.reseau.filter { o.retenu($0.code) && ($0.enroleLe.map { $0 < fin } ?? false) }.map(\.code))
                    let enAttente = actifs.filter { g in
                        let contacts = journal.faits.filter { $0.guichet == g }.map(\.recuLe) + journal.reseau.filter { $0.code == g }.compactMap(\.derniereSynchro)
                        return !(contacts.max().map { $0 >= fin } ?? false)
                    }.sorted()
                    if !enAttente.isEmpty { attendus.append(MoisProvisoire(mois: nom, enCours: false, guichetsEnAttente: enAttente)) }
                }
                m = m.ajoutant(mois: 1)
            }
            #expect(i.moisProvisoires == attendus, contexte)
        }
    }

    @Test("journaux aléatoires (graines 1 à 12)", arguments: 1...12)
    func oracle(graine: Int) {
        Self.verifier(graine: UInt64(graine))
    }

    @Test("un accueil compte le jour de Paris, changements d'heure compris")
    func joursDeParis() {
        // 2026-03-29 00:30 Paris (UTC+1) is 2026-03-28T23:30Z; 2026-10-25 01:30 CET is 00:30Z; 23:30Z on 31 Oct is 1 Nov 00:30 Paris.
        let cas: [(TimeInterval, Jour)] = [
            (1_774_740_600, Jour(2026, 3, 29)!), (1_774_737_000, Jour(2026, 3, 28)!),
            (1_792_888_200, Jour(2026, 10, 25)!), (1_792_884_600, Jour(2026, 10, 25)!), (1_793_489_400, Jour(2026, 11, 1)!),
        ]
        for (t, jour) in cas {
            let instant = Date(timeIntervalSince1970: t)
            #expect(Self.jourParis(instant) == jour, "oracle \(instant)")
            let a = Accueil(id: UUID(), type: .visite, le: instant, guichetCode: "GRE01", agent: "a", niveauService: .un)
            #expect(FaitPilotage.accueil(a, recuLe: instant).jour == jour, "\(instant)")
        }
    }

    @Test("un fait tardif modifie le passé, pas le jour de sa réception")
    func faitTardif() {
        var cube = CubePilotage()
        let octobre = Jour(2026, 10, 14)!
        let recu = Jour(2026, 11, 20)!.debut(timeZone: .paris)
        let r = RequetePilotage(du: Jour(2026, 10, 1)!, au: Jour(2026, 10, 31)!, pas: .jour)
        let avant = cube.calculer(r, guichets: Self.guichets, reseau: [], maintenant: recu, arreteALaSequence: 1)
        #expect(avant.accueil.visites == 0)
        cube.integrer(FaitPilotage(nature: .accueil, guichet: "PERM1", jour: octobre, code: "visite", valeur: 0, recuLe: recu))
        let apres = cube.calculer(r, guichets: Self.guichets, reseau: [], maintenant: recu, arreteALaSequence: 2)
        #expect(apres.accueil.visites == 1)
        #expect(apres.serie.first { $0.debut == octobre }?.visites == 1)
        #expect(apres.moisProvisoires.isEmpty, "PERM1 a synchronisé après la fin d'octobre")
        let novembre = cube.calculer(RequetePilotage(du: Jour(2026, 11, 1)!, au: Jour(2026, 11, 30)!), guichets: Self.guichets, reseau: [], maintenant: recu, arreteALaSequence: 2)
        #expect(novembre.accueil.visites == 0)
        #expect(novembre.moisProvisoires == [MoisProvisoire(mois: "2026-11", enCours: true, guichetsEnAttente: [])])
    }

    @Test("les semaines commencent le lundi")
    func semaines() {
        var cube = CubePilotage()
        let recu = Date(timeIntervalSince1970: 1_800_000_000)
        for j in 0..<14 { cube.integrer(FaitPilotage(nature: .accueil, guichet: "GRE01", jour: Jour(2026, 11, 1)!.ajoutant(jours: j), code: "appel", recuLe: recu)) }
        let i = cube.calculer(RequetePilotage(du: Jour(2026, 11, 1)!, au: Jour(2026, 11, 14)!, pas: .semaine), guichets: Self.guichets, reseau: [],
                              maintenant: recu, arreteALaSequence: 1)
        // 1 Nov 2026 is a Sunday: buckets start on Mon 26 Oct (1 day), Mon 2 Nov (7), Mon 9 Nov (6).
        #expect(i.serie.map(\.debut) == [Jour(2026, 10, 26)!, Jour(2026, 11, 2)!, Jour(2026, 11, 9)!])
        #expect(i.serie.map(\.appels) == [1, 7, 6])
    }
}
