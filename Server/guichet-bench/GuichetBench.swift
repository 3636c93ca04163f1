import ArgumentParser
import Foundation
import GuichetClient
import GuichetDomain
import GuichetProtocol
import GuichetServer
import Hummingbird
import Logging

/// `swift run -c release guichet-bench …`: figures, not pass/fail (targets in docs/PERFORMANCE.md).
@main
struct GuichetBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "guichet-bench", abstract: "Mesures de performance de Guichet.",
                                                    subcommands: [Match.self, Sync.self, Indicateurs.self, Reseau.self, Piece.self])

    struct Match: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Une offre contre N demandes actives, explications comprises ; top 3 de M offres.")
        @Option var demandes = 50_000
        @Option var offres = 200
        @Option var seed: UInt64 = 1

        func run() async throws {
            let jour = Jour(Date(), timeZone: .paris)
            let referentiel = try ReferentielCommunes.chargerMetropole()
            let table = try TablePlafonds.chargerOfficielles()
            let grille = try GrilleCotation.chargerExemple()
            var t = ContinuousClock.now
            let metropole = MetropoleSynthetique.generer(demandes: demandes, offres: offres, graine: seed, au: jour, referentiel: referentiel)
            print("génération : \(demandes) demandes, \(offres) offres en \(ms(ContinuousClock.now - t)) ms")
            t = ContinuousClock.now
            let profils = metropole.demandes.map { ProfilDemande(demande: $0.demande, table: table, au: jour) }
            let actives = metropole.demandes.filter { $0.demande.estActive }.count
            print("profils compacts : \(profils.count) (\(actives) actives) en \(ms(ContinuousClock.now - t)) ms")
            var durees: [Double] = []
            var candidats = 0
            let total = ContinuousClock.now
            for offre in metropole.offres {
                let debut = ContinuousClock.now
                let c = Rapprochement.candidats(offre: offre, profils: profils, grille: grille, table: table, referentiel: referentiel, au: jour, limite: 3)
                durees.append(ms(ContinuousClock.now - debut))
                candidats += c.count
            }
            durees.sort()
            print(String(format: "une offre contre %d demandes (top 3 avec explications) : médiane %.2f ms, p95 %.2f ms, max %.2f ms",
                         profils.count, durees[durees.count / 2], durees[durees.count * 95 / 100], durees.last ?? 0))
            print(String(format: "top 3 des %d offres en lot : %.0f ms au total (%d candidats)", metropole.offres.count, ms(ContinuousClock.now - total), candidats))
        }
    }

    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Synchronisation initiale de N demandes vers une réplique neuve ; envoi de 1 000 changements hors ligne.")
        @Option var demandes = 20_000
        @Option var changements = 1000

        func run() async throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let store = try SQLiteStore(path: dir.appendingPathComponent("server.sqlite").path)
            var t = ContinuousClock.now
            _ = try await DemoSeed.seed(store, demandes: demandes, offres: 10, graine: 1, force: false)
            print("serveur SQLite chargé : \(demandes) demandes en \(ms(ContinuousClock.now - t) / 1000) s")
            let sync = SyncService(store: store)
            let staffCode = try await sync.addGuichet(Guichet(code: "BENCH", nom: "Banc d'essai", communeInsee: "38185", niveau: .trois, type: .metropole))
            let deskCode = try await sync.addGuichet(Guichet(code: "BDESK", nom: "Poste", communeInsee: "38185", niveau: .deux, type: .communal))
            let port = 20000 + Int.random(in: 0..<20000)
            let app = try await buildApplication(configuration: ServerConfiguration(port: port, dataDirectory: dir.appendingPathComponent("data"), logLevel: .error), store: store)
            let server = Task { try await app.runService() }
            defer { server.cancel() }
            let url = "http://127.0.0.1:\(port)"
            for _ in 0..<100 where (try? await HTTPTransport(baseURL: url).send(TransportRequest(method: "GET", path: "/healthz")))?.status != 200 {
                try await Task.sleep(for: .milliseconds(50))
            }

            let staff = GuichetClient(replica: try Replica(directory: dir.appendingPathComponent("staff")), agent: "bench")
            _ = try await staff.enroll(serverURL: url, code: staffCode, deviceName: "bench")
            let rssAvant = peakRSSMegabytes()
            t = ContinuousClock.now
            let report = try await SyncEngine(replica: staff.replica, transport: HTTPTransport(baseURL: url)).sync()
            let secondes = ms(ContinuousClock.now - t) / 1000
            print(String(format: "synchronisation initiale : %d changements, %d demandes en %.2f s = %.0f demandes/s ; RSS max du processus %.0f Mo (avant : %.0f Mo ; serveur et client dans le même processus)",
                         report.pulled, demandes, secondes, Double(demandes) / secondes, peakRSSMegabytes(), rssAvant))

            let desk = GuichetClient(replica: try Replica(directory: dir.appendingPathComponent("desk")), agent: "bench")
            _ = try await desk.enroll(serverURL: url, code: deskCode, deviceName: "desk")
            for i in 0..<changements { _ = try await desk.recordAccueil(type: i % 2 == 0 ? .visite : .appel) }
            t = ContinuousClock.now
            var engine = SyncEngine(replica: desk.replica, transport: HTTPTransport(baseURL: url))
            engine.batchSize = 500
            let push = try await engine.sync()
            print(String(format: "envoi de %d changements hors ligne de bout en bout : %.3f s (%d acceptés)", changements, ms(ContinuousClock.now - t) / 1000, push.applied))
        }
    }
}

func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }

/// Peak resident memory of this process (VmHWM), in MB.
func peakRSSMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return 0 }
    return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
}
