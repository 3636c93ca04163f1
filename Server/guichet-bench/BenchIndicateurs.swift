import ArgumentParser
import Foundation
import GuichetDomain
import GuichetProtocol
import GuichetServer

extension GuichetBench {
    /// The dashboard over a million events: 200 guichets, three years of accueils and demande events written as
    /// facts, the whole log folded once, then the main page computed and rendered; then one guichet's late sync
    /// of 1,000 events through the real push path, and the time until the figures include it.
    struct Indicateurs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tableau de bord sur 1 000 000 d'événements (200 guichets, 3 ans) ; synchronisation tardive de 1 000 événements.")
        @Option var evenements = 1_000_000
        @Option var guichets = 200
        @Option(help: "Base (défaut : fichier SQLite temporaire ; postgres://… pour PostgreSQL).") var db: String?
        @Option var seed: UInt64 = 1

        func run() async throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let store = try await StoreFactory.open(db ?? dir.appendingPathComponent("server.sqlite").path)
            let maintenant = Date()
            let aujourdhui = Jour(maintenant, timeZone: .paris)
            let debut = aujourdhui.ajoutant(annees: -3)
            let jours = debut.jours(jusqua: aujourdhui)
            let communes = ["38185", "38151", "38421", "38169", "38563", "38229", "38317", "38158"]
            let reseau = (0..<guichets).map { i in
                Guichet(code: String(format: "G%04d", i), nom: "Guichet \(i)", communeInsee: communes[i % communes.count],
                        niveau: Niveau(rawValue: 1 + i % 3)!, type: .communal)
            }
            var t = ContinuousClock.now
            try await store.write { tx in for g in reseau { try tx.insertGuichet(GuichetRow(guichet: g, createdAt: maintenant)) } }
            var rng = SplitMix64(graine: seed)
            var ecrits = 0
            var demandes: [UUID] = []
            while ecrits < evenements {
                let lot = min(20_000, evenements - ecrits)
                var faits: [FaitPilotage] = []
                faits.reserveCapacity(lot)
                for _ in 0..<lot {
                    let g = reseau[Int.random(in: 0..<reseau.count, using: &rng)].code
                    let jour = debut.ajoutant(jours: Int.random(in: 0...jours, using: &rng))
                    let recu = jour.debut(timeZone: .paris).addingTimeInterval(Double(Int.random(in: 0..<86400 * 3, using: &rng)))
                    // domain.md §12: most events are accueils; demandes are registered, renewed, modified, radiated.
                    switch Int.random(in: 0..<100, using: &rng) {
                    case 0..<70:
                        let type = [TypeAccueil.visite, .visite, .appel, .rendezVous][Int.random(in: 0..<4, using: &rng)]
                        faits.append(FaitPilotage(nature: .accueil, guichet: g, jour: jour, entite: demandes.isEmpty || type != .rendezVous ? nil : demandes.randomElement(using: &rng),
                                                  code: type.rawValue, valeur: Int.random(in: 0..<10, using: &rng) == 0 ? 1 : 0, recuLe: recu))
                    case 70..<78:
                        let id = UUID.v7(now: recu, using: &rng)
                        demandes.append(id)
                        let depot = jour.ajoutant(jours: -Int.random(in: 0...40, using: &rng))
                        faits.append(FaitPilotage(nature: .enregistrement, guichet: g, jour: jour, entite: id, code: depot.jours(jusqua: jour) > 30 ? "horsDelai" : nil,
                                                  valeur: depot.jours(jusqua: jour), recuLe: recu))
                        let e = EtatDemandePilotage(statut: .enregistree, guichetOrigine: g, numeroUnique: "038\(ecrits)", depot: depot, enregistrement: jour,
                                                    ancrage: depot, typologie: Typologie.allCases.randomElement(using: &rng), commune: communes.randomElement(using: &rng),
                                                    sansRFR: Int.random(in: 0..<20, using: &rng) == 0, cleDoublon: String(Int.random(in: 0..<1_000_000, using: &rng)),
                                                    complet: Bool.random(using: &rng))
                        faits.append(FaitPilotage(nature: .etat, guichet: nil, jour: jour, entite: id, etat: e, recuLe: recu))
                    case 78..<86:
                        faits.append(FaitPilotage(nature: .piece, guichet: g, jour: jour, entite: demandes.randomElement(using: &rng), code: "avisImposition", recuLe: recu))
                    case 86..<92:
                        faits.append(FaitPilotage(nature: .modification, guichet: g, jour: jour, entite: demandes.randomElement(using: &rng), recuLe: recu))
                    case 92..<98:
                        faits.append(FaitPilotage(nature: .renouvellement, guichet: g, jour: jour, entite: demandes.randomElement(using: &rng), recuLe: recu))
                    default:
                        faits.append(FaitPilotage(nature: .radiation, guichet: g, jour: jour, entite: demandes.randomElement(using: &rng),
                                                  code: MotifRadiation.allCases.randomElement(using: &rng)!.rawValue, recuLe: recu))
                    }
                }
                let f = faits
                try await store.write { tx in for x in f { try tx.appendFait(x) } }
                ecrits += faits.count
            }
            print(String(format: "écriture : %d faits (%d demandes) en %.1f s", ecrits, demandes.count, ms(ContinuousClock.now - t) / 1000))

            let service = PilotageService(store: store)
            t = ContinuousClock.now
            try await service.rafraichir()
            print(String(format: "repli initial du journal : %.2f s ; RSS max du processus %.0f Mo", ms(ContinuousClock.now - t) / 1000, peakRSSMegabytes()))

            let rendu = try RenduPilotage.standard()
            let principale = RequetePilotage(du: aujourdhui.ajoutant(mois: -12).ajoutant(jours: 1), au: aujourdhui, pas: .mois, limiteListe: 50)
            let troisAns = RequetePilotage(du: debut, au: aujourdhui, pas: .semaine, limiteListe: 50)
            for (nom, requete) in [("12 mois, par mois", principale), ("3 ans, par semaine", troisAns)] {
                var durees: [Double] = [], calculs: [Double] = []
                var taille = 0
                for _ in 0..<15 {
                    let d = ContinuousClock.now
                    let (i, liste) = try await service.indicateursEtGuichets(requete)
                    calculs.append(ms(ContinuousClock.now - d))
                    taille = rendu.tableauDeBord(i, guichets: liste, utilisateur: "bench", csrf: "x", tri: nil).utf8.count
                    durees.append(ms(ContinuousClock.now - d))
                }
                durees.sort()
                calculs.sort()
                print(String(format: "page principale (%@) : médiane %.0f ms, p95 %.0f ms, dont calcul des indicateurs %.0f ms (%d Ko de HTML)", nom,
                             durees[durees.count / 2], durees[durees.count * 95 / 100], calculs[calculs.count / 2], taille / 1024))
            }

            // A late sync: one guichet's device pushes 1,000 events of last month, in batches of 200 like a client.
            let sync = SyncService(store: store)
            let code = try await sync.addGuichet(Guichet(code: "LATE1", nom: "Permanence en retard", communeInsee: "38185", niveau: .deux, type: .permanenceMobile))
            let enrolled = try await sync.enroll(EnrollRequest(code: code, deviceName: "bench"), clientBuild: "bench")
            let device = try await sync.authenticate(token: enrolled.token)
            _ = try await service.indicateurs(principale)
            let avant = try await service.indicateurs(principale).accueil.visites
            var hlc = HybridLogicalClock(device: enrolled.deviceId)
            let moisDernier = maintenant.addingTimeInterval(-30 * 86400)
            let commandes = (1...1000).map { n in
                Command(number: Int64(n), hlc: hlc.tick(physicalMillis: Int64(maintenant.timeIntervalSince1970 * 1000)), agent: "bench",
                        payload: .recordAccueil(RecordAccueil(accueil: Accueil(id: UUID.v7(now: moisDernier), type: .visite, le: moisDernier.addingTimeInterval(Double(n)),
                                                                                guichetCode: "LATE1", agent: "bench", niveauService: .un))))
            }
            t = ContinuousClock.now
            for lot in stride(from: 0, to: commandes.count, by: 200) {
                _ = try await sync.push(PushRequest(commands: Array(commandes[lot..<lot + 200])), context: device, clientBuild: "bench")
            }
            let push = ms(ContinuousClock.now - t)
            t = ContinuousClock.now
            let apres = try await service.indicateurs(principale).accueil.visites
            let repli = ms(ContinuousClock.now - t)
            print(String(format: "synchronisation tardive de 1 000 événements : envoi %.0f ms, puis page à jour en %.0f ms (visites %d → %d)", push, repli, avant, apres))
        }
    }
}
