import Foundation
import GuichetDomain
import HummingbirdBcrypt
import NIOPosix

/// Métropole staff accounts of the dashboard: created with the server CLI, passwords hashed with bcrypt (never
/// stored or logged in clear), disabled rather than deleted so the audit trail keeps its names.
public struct StaffAccounts: Sendable {
    let store: any Store
    let clock: any ServerClock
    /// bcrypt cost (12 in production; tests lower it to stay fast).
    let cost: UInt8

    /// A hash to check against when the login is unknown.
    static let leurre = Bcrypt.hash("leurre de chronométrage", cost: 12)

    public init(store: any Store, clock: any ServerClock = SystemClock(), cost: UInt8 = 12) {
        self.store = store
        self.clock = clock
        self.cost = cost
    }

    static func verifierLogin(_ login: String) throws -> String {
        let l = login.trimmingCharacters(in: .whitespaces).lowercased()
        guard (2...64).contains(l.count), l.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
            throw AdminError(code: "validation", message: "Identifiant invalide : 2 à 64 caractères parmi lettres, chiffres, point, tiret et souligné.")
        }
        return l
    }

    static func verifierMotDePasse(_ motDePasse: String) throws {
        guard motDePasse.count >= 12 else {
            throw AdminError(code: "validation", message: "Mot de passe trop court : 12 caractères au moins.")
        }
        guard motDePasse.utf8.count <= 72 else {
            throw AdminError(code: "validation", message: "Mot de passe trop long : 72 octets au plus (limite de bcrypt).")
        }
    }

    /// bcrypt runs on NIO's blocking pool: it is slow by design and must not hold a cooperative thread.
    func hacher(_ motDePasse: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(motDePasse, cost: cost) }
    }

    public func creer(login: String, nom: String, motDePasse: String) async throws -> StaffRow {
        let l = try Self.verifierLogin(login)
        try Self.verifierMotDePasse(motDePasse)
        let hash = try await hacher(motDePasse)
        let now = clock.now()
        return try await store.write { tx in
            guard try tx.staff(login: l) == nil else { throw AdminError(code: "existe", message: "Le compte « \(l) » existe déjà.") }
            let row = StaffRow(login: l, nom: nom, passwordHash: hash, createdAt: now)
            try tx.insertStaff(row)
            try Self.auditer(tx, "staff.create", login: l, par: "cli", at: now)
            return row
        }
    }

    public func changerMotDePasse(login: String, motDePasse: String) async throws {
        let l = try Self.verifierLogin(login)
        try Self.verifierMotDePasse(motDePasse)
        let hash = try await hacher(motDePasse)
        let now = clock.now()
        try await store.write { tx in
            guard var row = try tx.staff(login: l) else { throw AdminError(code: "inconnu", message: "Aucun compte « \(l) ».") }
            row.passwordHash = hash
            try tx.updateStaff(row)
            try Self.auditer(tx, "staff.password", login: l, par: "cli", at: now)
        }
    }

    public func desactiver(login: String) async throws {
        let l = try Self.verifierLogin(login)
        let now = clock.now()
        try await store.write { tx in
            guard var row = try tx.staff(login: l) else { throw AdminError(code: "inconnu", message: "Aucun compte « \(l) ».") }
            row.disabledAt = row.disabledAt ?? now
            try tx.updateStaff(row)
            try Self.auditer(tx, "staff.disable", login: l, par: "cli", at: now)
        }
    }

    public func actif(login: String) async throws -> Bool {
        try await store.read { tx in try tx.staff(login: login) }.map { $0.disabledAt == nil } ?? false
    }

    /// Who did what to which account (never the password).
    static func auditer(_ tx: any StoreTransaction, _ action: String, login: String, par: String, at now: Date) throws {
        try tx.appendAudit(AuditEntry(at: now, deviceId: nil, guichetCode: nil, agent: par, hlc: nil, commandNumber: nil, action: action,
                                      entityId: login, outcome: "applied", details: nil))
    }

    public func liste() async throws -> [StaffRow] { try await store.read { tx in try tx.staffs() } }

    /// The account when the password is right and the account active; nil otherwise (never says which).
    public func verifier(login: String, motDePasse: String) async throws -> StaffRow? {
        guard let l = try? Self.verifierLogin(login), motDePasse.utf8.count <= 72 else { return nil }
        let row = try await store.read { tx in try tx.staff(login: l) }
        // Hash even for an unknown login, so timing does not tell which logins exist.
        let hash = row?.passwordHash ?? Self.leurre
        let ok = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(motDePasse, hash: hash) }
        guard ok, var compte = row, compte.disabledAt == nil else { return nil }
        let now = clock.now()
        compte.lastLoginAt = now
        let c = compte
        try await store.write { tx in
            try tx.updateStaff(c)
            try Self.auditer(tx, "staff.login", login: c.login, par: c.login, at: now)
        }
        return compte
    }
}

/// Dashboard sessions: random 256-bit tokens held in memory (a restart logs everyone out), eight hours at most
/// and thirty minutes idle, each with its CSRF token for the forms.
public actor StaffSessions {
    public struct Session: Sendable {
        public var login: String
        public var nom: String
        public var csrf: String
        var creeeLe: Date
        var vueLe: Date
    }

    let clock: any ServerClock
    private var sessions: [String: Session] = [:]
    static let dureeMax: TimeInterval = 8 * 3600
    static let inactiviteMax: TimeInterval = 30 * 60

    public init(clock: any ServerClock = SystemClock()) { self.clock = clock }

    static func jeton() -> String {
        var rng = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", rng.next()) }.joined()
    }

    public func ouvrir(_ compte: StaffRow) -> (jeton: String, session: Session) {
        let now = clock.now()
        sessions = sessions.filter { valide($0.value, now) }
        let s = Session(login: compte.login, nom: compte.nom, csrf: Self.jeton(), creeeLe: now, vueLe: now)
        let j = Self.jeton()
        sessions[j] = s
        return (j, s)
    }

    private func valide(_ s: Session, _ now: Date) -> Bool {
        now.timeIntervalSince(s.creeeLe) < Self.dureeMax && now.timeIntervalSince(s.vueLe) < Self.inactiviteMax
    }

    public func session(_ jeton: String) -> Session? {
        let now = clock.now()
        guard var s = sessions[jeton] else { return nil }
        guard valide(s, now) else {
            sessions[jeton] = nil
            return nil
        }
        s.vueLe = now
        sessions[jeton] = s
        return s
    }

    public func fermer(_ jeton: String) { sessions[jeton] = nil }

    /// Ends every session of a login (account disabled).
    public func fermerTout(login: String) { sessions = sessions.filter { $0.value.login != login } }
}

/// Login throttling: after 5 failures within 15 minutes for a login or a client address, that key waits, twice
/// longer at each further failure (1 minute, then 2, 4 … up to an hour). Success clears the login's count.
public actor LoginThrottle {
    struct Etat {
        var echecs: [Date] = []
        var bloqueJusqua: Date?
        var penalite: TimeInterval = 60
    }

    let clock: any ServerClock
    private var etats: [String: Etat] = [:]
    static let seuil = 5
    static let fenetre: TimeInterval = 15 * 60

    public init(clock: any ServerClock = SystemClock()) { self.clock = clock }

    /// Seconds to wait before trying again for any of these keys, or nil.
    public func attente(_ cles: [String]) -> Int? {
        let now = clock.now()
        let restes = cles.compactMap { etats[$0]?.bloqueJusqua }.map { $0.timeIntervalSince(now) }.filter { $0 > 0 }
        return restes.max().map { Int($0.rounded(.up)) }
    }

    public func echec(_ cles: [String]) {
        let now = clock.now()
        for c in cles {
            var e = etats[c] ?? Etat()
            e.echecs = e.echecs.filter { now.timeIntervalSince($0) < Self.fenetre } + [now]
            if e.echecs.count >= Self.seuil {
                e.bloqueJusqua = now.addingTimeInterval(e.penalite)
                e.penalite = min(e.penalite * 2, 3600)
            }
            etats[c] = e
        }
        if etats.count > 100_000 { etats = etats.filter { $0.value.bloqueJusqua.map { $0 > now } ?? false } }
    }

    public func succes(_ cle: String) { etats[cle] = nil }
}
