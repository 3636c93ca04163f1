import Foundation
import GuichetDomain
import GuichetProtocol
@testable import GuichetServer
import GuichetTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The dashboard's door: staff accounts with bcrypt passwords, a session cookie (HttpOnly, SameSite=Strict,
/// Secure behind TLS), an anti-forgery token on every form, throttled logins, logout, idle expiry, disabled
/// accounts refused at once, and device tokens refused whatever their role.
@Suite struct StaffLoginTests {
    static let motDePasse = "un mot de passe solide"

    struct Navigateur {
        var cookies: [String: String] = [:]

        mutating func retenir(_ r: APIResult) {
            for v in r.headers[values: .setCookie] {
                let paire = v.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard paire.count == 2 else { continue }
                cookies[paire[0]] = paire[1].isEmpty ? nil : paire[1]
            }
        }

        var entete: HTTPFields {
            var h = HTTPFields()
            if !cookies.isEmpty { h[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
            return h
        }

        mutating func get(_ client: some TestClientProtocol, _ uri: String, extra: HTTPFields = [:]) async throws -> APIResult {
            var h = entete
            for f in extra { h.append(f) }
            let r = try await client.call(.get, uri, headers: h, clientBuild: uri.hasPrefix("/v1"))
            retenir(r)
            return r
        }

        mutating func post(_ client: some TestClientProtocol, _ uri: String, form: String) async throws -> APIResult {
            var h = entete
            h[.contentType] = "application/x-www-form-urlencoded"
            let r = try await client.call(.post, uri, raw: ByteBuffer(string: form), headers: h, clientBuild: false)
            retenir(r)
            return r
        }

        mutating func connecter(_ client: some TestClientProtocol, login: String = "claire", motDePasse: String = StaffLoginTests.motDePasse) async throws -> APIResult {
            _ = try await get(client, "/pilotage/connexion")
            let csrf = cookies["guichet_csrf"] ?? ""
            return try await post(client, "/pilotage/connexion", form: "login=\(login)&motDePasse=\(motDePasse.replacingOccurrences(of: " ", with: "+"))&csrf=\(csrf)")
        }
    }

    static func champCSRF(_ html: String) -> String? {
        guard let r = html.range(of: #"name="csrf" value=""#) else { return nil }
        return String(html[r.upperBound...].prefix { $0 != "\"" })
    }

    @Test func signInThrottleSessionAndSignOut() async throws {
        let h = try await Harness.make()
        let comptes = StaffAccounts(store: h.store, clock: h.clock, cost: 4)
        _ = try await comptes.creer(login: "Claire", nom: "Claire Martin", motDePasse: Self.motDePasse)
        let stored = try #require(try await h.store.read { tx in try tx.staff(login: "claire") })
        #expect(stored.passwordHash.hasPrefix("$2b$04$") && !stored.passwordHash.contains(Self.motDePasse), "bcrypt hash only")
        await #expect(throws: AdminError.self) { _ = try await comptes.creer(login: "claire", nom: "x", motDePasse: Self.motDePasse) }
        await #expect(throws: AdminError.self) { _ = try await comptes.creer(login: "court", nom: "x", motDePasse: "court") }
        let met = try await h.device("GAM01", niveau: .trois, type: .metropole)

        try await h.app().test(.router) { client in
            var b = Navigateur()
            // No session: the login page. A device token, even the métropole's: refused.
            var r = try await b.get(client, "/pilotage")
            #expect(r.status == .seeOther && r.headers[.location] == "/pilotage/connexion")
            r = try await client.call(.get, "/pilotage", device: met, clientBuild: false)
            #expect(r.status == .forbidden)

            // The form sets its anti-forgery cookie; behind TLS (the proxy says so) cookies are Secure.
            r = try await b.get(client, "/pilotage/connexion", extra: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            #expect(r.status == .ok)
            let csrfCookie = try #require(r.headers[values: .setCookie].first { $0.hasPrefix("guichet_csrf=") })
            #expect(csrfCookie.contains("HttpOnly") && csrfCookie.contains("SameSite=Strict") && csrfCookie.contains("Secure"))
            #expect(Self.champCSRF(String(buffer: r.body)) == b.cookies["guichet_csrf"])

            // A forged form (no matching token) is refused; a wrong password is refused without saying which part.
            r = try await b.post(client, "/pilotage/connexion", form: "login=claire&motDePasse=x&csrf=forge")
            #expect(r.status == .forbidden)
            for _ in 0..<5 {
                r = try await b.connecter(client, motDePasse: "mauvais mot de passe")
                #expect(r.status == .unauthorized)
                #expect(String(buffer: r.body).contains("Identifiant ou mot de passe incorrect"))
            }
            // Five failures: even the right password waits now.
            r = try await b.connecter(client)
            #expect(r.status == .tooManyRequests)
            #expect(Int(r.headers[.retryAfter] ?? "") ?? 0 > 0)
            #expect(b.cookies["guichet_session"] == nil)
            h.clock.advance(61)
            r = try await b.connecter(client)
            #expect(r.status == .seeOther && r.headers[.location] == "/pilotage")
            let session = try #require(r.headers[values: .setCookie].first { $0.hasPrefix("guichet_session=") })
            #expect(session.contains("HttpOnly") && session.contains("SameSite=Strict") && !session.contains("Secure") && session.contains("Path=/;") || session.hasSuffix("Path=/"))

            // Signed in: the dashboard, its CSV tables, and the JSON figures through the same session.
            r = try await b.get(client, "/pilotage")
            #expect(r.status == .ok)
            let page = String(buffer: r.body)
            #expect(page.contains("data-indicateur=\"accueil.visites\""))
            #expect(page.contains("Claire Martin"))
            #expect(r.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            r = try await b.get(client, "/pilotage/csv/guichets")
            #expect(r.status == .ok && r.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(try await b.get(client, "/pilotage/csv/inconnu").status == .notFound)
            #expect(try await b.get(client, "/pilotage?du=hier").status == .badRequest)
            r = try await b.get(client, "/v1/indicateurs")
            #expect(r.status == .ok)
            // The session does not make a device token acceptable on the dashboard.
            var avecJeton = b.entete
            avecJeton[.authorization] = "Bearer \(met.token)"
            #expect(try await client.call(.get, "/pilotage", headers: avecJeton, clientBuild: false).status == .forbidden)

            // Logout needs the session's token; then the session is gone.
            #expect(try await b.post(client, "/pilotage/deconnexion", form: "csrf=autre").status == .forbidden)
            let jeton = try #require(Self.champCSRF(page))
            let copie = b
            r = try await b.post(client, "/pilotage/deconnexion", form: "csrf=\(jeton)")
            #expect(r.status == .seeOther && b.cookies["guichet_session"] == nil)
            var ancien = copie
            #expect(try await ancien.get(client, "/pilotage").status == .seeOther, "the old cookie no longer opens a session")

            // Thirty minutes idle: signed out.
            r = try await b.connecter(client)
            #expect(r.status == .seeOther)
            #expect(try await b.get(client, "/pilotage").status == .ok)
            h.clock.advance(31 * 60)
            #expect(try await b.get(client, "/pilotage").status == .seeOther)

            // A disabled account: its open session is refused at once, and it cannot sign in again.
            r = try await b.connecter(client)
            #expect(try await b.get(client, "/pilotage").status == .ok)
            try await comptes.desactiver(login: "claire")
            #expect(try await b.get(client, "/pilotage").status == .seeOther)
            #expect(try await b.connecter(client).status == .unauthorized)
        }
        // Who signed in is in the audit trail; the password never is.
        let audit = try await h.store.read { tx in try tx.auditEntries(limit: 50) }
        #expect(audit.contains { $0.action == "staff.login" && $0.entityId == "claire" })
        #expect(!audit.contains { ($0.details ?? "").contains(Self.motDePasse) })
    }
}
