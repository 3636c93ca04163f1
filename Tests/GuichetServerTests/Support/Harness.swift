import Foundation
import GuichetDomain
import GuichetProtocol
import GuichetServer
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import Logging
import HummingbirdTesting
import NIOCore

/// A clock tests move by hand.
final class TestClock: ServerClock, @unchecked Sendable {
    private let lock = NSLock()
    private var date: Date
    init(_ date: Date) { self.date = date }
    func now() -> Date { lock.withLock { date } }
    func advance(_ seconds: TimeInterval) { lock.withLock { date = date.addingTimeInterval(seconds) } }
    func set(_ d: Date) { lock.withLock { date = d } }
}

/// A server on a temporary folder (SQLite file + blobs) with a controlled clock.
struct Harness {
    let directory: URL
    let store: any Store
    let clock: TestClock
    let sync: SyncService
    let configuration: ServerConfiguration

    /// 15 March 2026, 10:00 Paris.
    static let start = Date(timeIntervalSince1970: 1_773_565_200)

    static func make(_ kind: StoreKind = .sqlite, maximumPieceSize: Int = 20 << 20) async throws -> Harness {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("guichet-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try await kind.makeStore(in: dir)
        let clock = TestClock(start)
        let configuration = ServerConfiguration(host: "127.0.0.1", port: 0, dataDirectory: dir, maximumPieceSize: maximumPieceSize,
                                                sync: SyncConfiguration(departement: "38"), logLevel: .critical)
        return Harness(directory: dir, store: store, clock: clock, sync: SyncService(store: store, configuration: configuration.sync, clock: clock),
                       configuration: configuration)
    }

    func app() async throws -> some ApplicationProtocol {
        try await buildApplication(configuration: configuration, store: store, clock: clock)
    }

    /// Creates a guichet and enrolls one device; returns its token and id.
    func device(_ code: String, niveau: Niveau = .deux, type: TypeGuichet = .communal, commune: String = "38185") async throws -> TestDevice {
        let enrollment: String
        if (try await sync.guichets()).contains(where: { $0.guichet.code == code }) {
            enrollment = try await sync.newEnrollmentCode(guichet: code)
        } else {
            enrollment = try await sync.addGuichet(Guichet(code: code, nom: "Guichet \(code)", communeInsee: commune, niveau: niveau, type: type))
        }
        let response = try await sync.enroll(EnrollRequest(code: enrollment, deviceName: "poste \(code)"), clientBuild: "test")
        return TestDevice(id: response.deviceId, token: response.token, guichet: response.guichet, clock: clock)
    }

    func demandeCount() async throws -> Int {
        try await store.read { tx in try tx.scopeVersions(guichetCode: nil).count }
    }
}

/// An enrolled device that numbers its commands.
final class TestDevice: @unchecked Sendable {
    let id: String
    let token: String
    let guichet: Guichet
    let clock: TestClock
    private var number: Int64 = 0
    private var hlc: HybridLogicalClock

    init(id: String, token: String, guichet: Guichet, clock: TestClock) {
        self.id = id
        self.token = token
        self.guichet = guichet
        self.clock = clock
        self.hlc = HybridLogicalClock(device: id)
    }

    /// The next command of this device.
    func command(_ payload: CommandPayload, agent: String = "agent1", skewMillis: Int64 = 0) -> Command {
        number += 1
        let stamp = hlc.tick(physicalMillis: Int64(clock.now().timeIntervalSince1970 * 1000) + skewMillis)
        return Command(number: number, hlc: stamp, agent: agent, payload: payload)
    }

    func accueil(_ type: TypeAccueil = .visite, demandeId: UUID? = nil, numeroUnique: NumeroUnique? = nil, orientation: Bool = false) -> Accueil {
        Accueil(id: UUID.v7(now: clock.now()), type: type, le: clock.now(), guichetCode: guichet.code, agent: "agent1",
                niveauService: guichet.niveau == .trois ? .deux : guichet.niveau == .deux ? .deux : .un, demandeId: demandeId,
                numeroUnique: numeroUnique, orientationNiveau3: orientation)
    }
}

/// An HTTP answer in tests.
struct APIResult {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: ByteBuffer

    func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try WireCoding.decoder.decode(T.self, from: Data(body.readableBytesView))
    }
    var problem: Problem? { try? decode(Problem.self) }
}

extension TestClientProtocol {
    /// Calls the API as a device (or anonymously), with the client build header unless told otherwise.
    func call(_ method: HTTPRequest.Method, _ uri: String, device: TestDevice? = nil, json: (some Encodable)? = Optional<String>.none,
              raw: ByteBuffer? = nil, headers extra: HTTPFields = [:], clientBuild: Bool = true) async throws -> APIResult {
        var headers = extra
        if clientBuild { headers[HTTPField.Name("Guichet-Client-Build")!] = "guichet/test" }
        if let device { headers[.authorization] = "Bearer \(device.token)" }
        var body = raw
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(bytes: try WireCoding.encoder.encode(json))
        }
        return try await execute(uri: uri, method: method, headers: headers, body: body) { r in
            APIResult(status: r.status, headers: r.headers, body: r.body)
        }
    }

    func push(_ device: TestDevice, _ commands: [Command]) async throws -> APIResult {
        try await call(.post, "/v1/push", device: device, json: PushRequest(commands: commands))
    }

    func pullAll(_ device: TestDevice, from cursor: Int64 = 0, limit: Int = 500) async throws -> (changes: [Change], last: PullPage) {
        var cursor = cursor
        var all: [Change] = []
        while true {
            let r = try await call(.get, "/v1/pull?cursor=\(cursor)&limit=\(limit)", device: device)
            guard r.status == .ok else { throw r.problem ?? Problem(.internalError, detail: "pull \(r.status)") }
            let page = try r.decode(PullPage.self)
            all += page.changes
            cursor = page.nextCursor
            if !page.hasMore { return (all, page) }
        }
    }
}
