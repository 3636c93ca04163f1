import ArgumentParser
import Foundation
import GuichetClient
import GuichetDomain
import GuichetProtocol
import GuichetServer
import Hummingbird
import Logging

/// A live server on a loopback port over a chosen store, with `n` enrolled devices.
struct BancServeur {
    let store: any Store
    let sync: SyncService
    let base: String
    let server: Task<Void, any Error>
    let dir: URL

    static func demarrer(db: String?) async throws -> BancServeur {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try await StoreFactory.open(db ?? dir.appendingPathComponent("server.sqlite").path)
        let port = 20000 + Int.random(in: 0..<20000)
        let app = try await buildApplication(configuration: ServerConfiguration(port: port, dataDirectory: dir.appendingPathComponent("data"), logLevel: .error),
                                             store: store)
        let server = Task { try await app.runService() }
        let base = "http://127.0.0.1:\(port)"
        for _ in 0..<200 where (try? await HTTPTransport(baseURL: base).send(TransportRequest(method: "GET", path: "/healthz")))?.status != 200 {
            try await Task.sleep(for: .milliseconds(50))
        }
        return BancServeur(store: store, sync: SyncService(store: store), base: base, server: server, dir: dir)
    }

    func arreter() {
        server.cancel()
        try? FileManager.default.removeItem(at: dir)
    }

    /// Creates a guichet and enrolls one device; returns (token, device id).
    func appareil(_ code: String, type: TypeGuichet = .communal) async throws -> (String, String) {
        let enrolement = try await sync.addGuichet(Guichet(code: code, nom: "Banc \(code)", communeInsee: "38185", niveau: .deux, type: type))
        let r = try await sync.enroll(EnrollRequest(code: enrolement, deviceName: "banc"), clientBuild: "bench")
        return (r.token, r.deviceId)
    }
}

/// One HTTP call of protocol v1 with a token; throws on anything but 2xx.
func appelV1(_ t: HTTPTransport, _ method: String, _ path: String, token: String, json: (some Encodable)? = Optional<String>.none) async throws -> [UInt8] {
    var headers = [(ProtocolVersion.clientBuildHeader, "guichet-bench"), ("Authorization", "Bearer \(token)")]
    let body = try json.map { Array(try WireCoding.encoder.encode($0)) }
    if body != nil { headers.append(("Content-Type", "application/json")) }
    let r = try await t.send(TransportRequest(method: method, path: "/v1" + path, headers: headers, body: body))
    guard (200..<300).contains(r.status) else { throw BenchError(message: "\(method) \(path) → \(r.status)") }
    return r.body
}

struct BenchError: Error, CustomStringConvertible { var message: String; var description: String { message } }

func centile(_ triees: [Double], _ p: Double) -> Double {
    guard !triees.isEmpty else { return .nan }
    return triees[min(triees.count - 1, Int((p * Double(triees.count)).rounded(.up)) - 1)]
}

extension GuichetBench {
    /// 200 guichets at once (an idle pull and a small push each), sustained commands per second, and how long a
    /// commit at one guichet takes to be seen by another online device polling the stream.
    struct Reseau: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reseau",
            abstract: "200 guichets synchronisant en même temps (p50/p99), débit soutenu du serveur, délai de visibilité entre guichets.")
        @Option var guichets = 200
        @Option var tours = 5
        @Option(help: "Base (défaut : SQLite temporaire ; postgres://… pour PostgreSQL).") var db: String?
        @Option(help: "Durée de la mesure de débit soutenu, en secondes.") var duree = 10

        func run() async throws {
            let banc = try await BancServeur.demarrer(db: db)
            defer { banc.arreter() }
            print("stockage : \(banc.store.location)")
            var appareils: [(String, String, HLCHolder)] = []
            for i in 0..<guichets {
                let (token, id) = try await banc.appareil(String(format: "B%04d", i))
                appareils.append((token, id, HLCHolder(device: id)))
            }
            let transport = HTTPTransport(baseURL: banc.base, timeout: .seconds(30))

            // Rounds: every guichet at once pulls from its cursor and pushes two accueils.
            var latences: [Double] = []
            var erreurs = 0
            for tour in 0..<tours {
                // An idle pull: from the current end of the stream (what an up-to-date desk asks).
                let fin = try await banc.store.read { tx in try tx.maxSeq() }
                let resultats = await withTaskGroup(of: Double?.self) { group in
                    for (i, (token, _, hlc)) in appareils.enumerated() {
                        group.addTask {
                            let debut = ContinuousClock.now
                            do {
                                _ = try await appelV1(transport, "GET", "/pull?cursor=\(fin)&limit=100", token: token)
                                let commandes = (0..<2).map { k in hlc.commande(numero: Int64(tour * 2 + k + 1), guichet: String(format: "B%04d", i)) }
                                _ = try await appelV1(transport, "POST", "/push", token: token, json: PushRequest(commands: commandes))
                                return ms(ContinuousClock.now - debut)
                            } catch {
                                return nil
                            }
                        }
                    }
                    var r: [Double?] = []
                    for await x in group { r.append(x) }
                    return r
                }
                latences += resultats.compactMap { $0 }
                erreurs += resultats.filter { $0 == nil }.count
            }
            latences.sort()
            print(String(format: "%d guichets en même temps × %d tours (pull à vide + push de 2 commandes) : p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d erreur(s)",
                         guichets, tours, centile(latences, 0.5), centile(latences, 0.99), latences.last ?? 0, erreurs))

            // Sustained: 8 devices push batches of 50 accueils back to back for `duree` seconds.
            let ecrivains = Array(appareils.prefix(8))
            let fin = ContinuousClock.now + .seconds(duree)
            let debut = ContinuousClock.now
            let appliquees = await withTaskGroup(of: Int.self) { group in
                for (i, (token, _, hlc)) in ecrivains.enumerated() {
                    group.addTask {
                        var n = Int64(tours * 2)
                        var total = 0
                        while ContinuousClock.now < fin {
                            let lot = (0..<50).map { _ in
                                n += 1
                                return hlc.commande(numero: n, guichet: String(format: "B%04d", i))
                            }
                            guard let corps = try? await appelV1(transport, "POST", "/push", token: token, json: PushRequest(commands: lot)),
                                let r = try? WireCoding.decoder.decode(PushResponse.self, from: Data(corps))
                            else { return total }
                            total += r.outcomes.filter { $0.status == .applied }.count
                        }
                        return total
                    }
                }
                var t = 0
                for await x in group { t += x }
                return t
            }
            let secondes = ms(ContinuousClock.now - debut) / 1000
            print(String(format: "débit soutenu : %d commandes appliquées en %.1f s = %.0f commandes/s (8 postes, lots de 50)", appliquees, secondes, Double(appliquees) / secondes))

            // Visibility: a métropole device polls the stream back to back; another guichet commits an accueil.
            let (observateur, _) = try await banc.appareil("OBS01", type: .metropole)
            let page = try WireCoding.decoder.decode(PullPage.self, from: Data(try await appelV1(transport, "GET", "/pull?cursor=0&limit=1", token: observateur)))
            var curseur = page.nextCursor
            while true {
                let p = try WireCoding.decoder.decode(PullPage.self, from: Data(try await appelV1(transport, "GET", "/pull?cursor=\(curseur)&limit=1000", token: observateur)))
                curseur = p.nextCursor
                if !p.hasMore { break }
            }
            let (ecrivain, _, hlc) = appareils[guichets - 1]
            var n = Int64(1_000_000)
            _ = try await appelV1(transport, "POST", "/push", token: ecrivain, json: PushRequest(commands: [])) // warm the connection
            var visibilite: [Double] = []
            for _ in 0..<100 {
                n += 1
                // Numbers must follow the device's last applied one: read it from /me.
                let me = try WireCoding.decoder.decode(DeviceInfo.self, from: Data(try await appelV1(transport, "GET", "/me", token: ecrivain)))
                let commande = hlc.commande(numero: me.lastApplied + 1, guichet: String(format: "B%04d", guichets - 1))
                let t0 = ContinuousClock.now
                _ = try await appelV1(transport, "POST", "/push", token: ecrivain, json: PushRequest(commands: [commande]))
                var vu = false
                while !vu {
                    let p = try WireCoding.decoder.decode(PullPage.self, from: Data(try await appelV1(transport, "GET", "/pull?cursor=\(curseur)&limit=1000", token: observateur)))
                    curseur = p.nextCursor
                    vu = p.changes.contains { if case .accueil(let a) = $0.body { a.id == commande.accueilId } else { false } }
                }
                visibilite.append(ms(ContinuousClock.now - t0))
            }
            visibilite.sort()
            print(String(format: "visibilité d'une saisie d'un guichet chez un autre appareil en ligne (interrogation continue) : p50 %.1f ms, p99 %.1f ms",
                         centile(visibilite, 0.5), centile(visibilite, 0.99)))
        }
    }

    /// A 5 MB pièce: upload rate, then an upload cut after two chunks and resumed.
    struct Piece: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Envoi d'une pièce de 5 Mo (Mo/s), puis reprise après une coupure (octets renvoyés).")
        @Option var taille = 5 * 1024 * 1024

        func run() async throws {
            let banc = try await BancServeur.demarrer(db: nil)
            defer { banc.arreter() }
            let code = try await banc.sync.addGuichet(Guichet(code: "PIECE", nom: "Banc pièces", communeInsee: "38185", niveau: .deux, type: .communal))
            let desk = GuichetClient(replica: try Replica(directory: banc.dir.appendingPathComponent("desk")), agent: "bench")
            _ = try await desk.enroll(serverURL: banc.base, code: code, deviceName: "banc")
            let demande = try await desk.createDemande(DemandeTemplate.exemple(au: Jour(Date(), timeZone: .paris)))
            _ = try await SyncEngine(replica: desk.replica, transport: HTTPTransport(baseURL: banc.base)).sync()
            func fichier(_ graine: UInt8) throws -> URL {
                let url = banc.dir.appendingPathComponent("scan-\(graine).pdf")
                var rng = SplitMix64(graine: UInt64(graine))
                try Data((0..<taille).map { _ in UInt8.random(in: 0...255, using: &rng) }).write(to: url)
                return url
            }
            _ = try await desk.addPiece(demande: DemandeRef(id: demande.id), file: try fichier(1), type: .pieceIdentite)
            var t = ContinuousClock.now
            let r1 = try await SyncEngine(replica: desk.replica, transport: HTTPTransport(baseURL: banc.base)).sync()
            let s = ms(ContinuousClock.now - t) / 1000
            print(String(format: "pièce de %.1f Mo envoyée en %.2f s = %.1f Mo/s (sync complète : HEAD, PATCH par fragments de 1 Mio, push)",
                         Double(taille) / 1_048_576, s, Double(r1.bytesUploaded) / 1_048_576 / s))

            // Cut: the third PATCH never gets its answer (the server may or may not have stored it).
            _ = try await desk.addPiece(demande: DemandeRef(id: demande.id), file: try fichier(2), type: .avisImpositionN2)
            let coupe = Coupure(inner: HTTPTransport(baseURL: banc.base), apresPatch: 2)
            _ = try? await SyncEngine(replica: desk.replica, transport: coupe, sleep: { _ in throw CancellationError() }).sync()
            t = ContinuousClock.now
            let r2 = try await SyncEngine(replica: desk.replica, transport: HTTPTransport(baseURL: banc.base)).sync()
            print(String(format: "reprise après coupure au 3e fragment : %lld octets envoyés à la reprise, dont %lld renvoyés (un fragment = 1 048 576) ; %.2f s",
                         r2.bytesUploaded, r2.bytesResent, ms(ContinuousClock.now - t) / 1000))
        }
    }
}

/// Loses the answer of every PATCH after the first `apresPatch` ones (the bytes reached the server).
final class Coupure: Transport, @unchecked Sendable {
    let inner: any Transport
    let apresPatch: Int
    private let lock = NSLock()
    private var patchs = 0
    init(inner: any Transport, apresPatch: Int) {
        self.inner = inner
        self.apresPatch = apresPatch
    }
    func send(_ request: TransportRequest) async throws -> TransportResponse {
        let n = lock.withLock { () -> Int in
            if request.method == "PATCH" { patchs += 1 }
            return patchs
        }
        let r = try await inner.send(request)
        if request.method == "PATCH" && n > apresPatch { throw APIError.transport("coupure simulée") }
        return r
    }
}

/// An HLC per device, shared by the tasks that build its commands.
final class HLCHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var hlc: HybridLogicalClock
    init(device: String) { hlc = HybridLogicalClock(device: device) }

    func commande(numero: Int64, guichet: String) -> Command {
        let stamp = lock.withLock { hlc.tick(physicalMillis: Int64(Date().timeIntervalSince1970 * 1000)) }
        let a = Accueil(id: UUID.v7(now: Date()), type: .appel, le: Date(), guichetCode: guichet, agent: "bench", niveauService: .un)
        return Command(number: numero, hlc: stamp, agent: "bench", payload: .recordAccueil(RecordAccueil(accueil: a)))
    }
}

extension Command {
    var accueilId: UUID? { if case .recordAccueil(let r) = payload { r.accueil.id } else { nil } }
}
