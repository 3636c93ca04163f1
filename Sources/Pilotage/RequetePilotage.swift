import Foundation

/// What a page of the dashboard, the monthly report or `GET /v1/indicateurs` asks for: a period, a step for the
/// series, and filters that pick guichets. The query string keeps every field so a view can be shared.
public struct RequetePilotage: Sendable, Hashable, Codable {
    public enum Pas: String, Sendable, Hashable, Codable, CaseIterable {
        case jour, semaine, mois
    }

    public var du: Jour
    public var au: Jour
    public var pas: Pas
    /// INSEE code of the guichets' commune (also filters offers by their commune).
    public var commune: String?
    public var niveau: Niveau?
    public var guichet: String?
    /// How many demandes without proposal are listed (the count is always whole).
    public var limiteListe: Int

    public init(du: Jour, au: Jour, pas: Pas = .mois, commune: String? = nil, niveau: Niveau? = nil, guichet: String? = nil, limiteListe: Int = 100) {
        self.du = du
        self.au = au
        self.pas = pas
        self.commune = commune
        self.niveau = niveau
        self.guichet = guichet
        self.limiteListe = limiteListe
    }

    /// The whole civil month `mois` ("2026-10").
    public static func mois(_ mois: String) -> RequetePilotage? {
        guard let debut = Jour(iso: mois + "-01") else { return nil }
        return RequetePilotage(du: debut, au: debut.ajoutant(mois: 1).ajoutant(jours: -1), pas: .jour)
    }

    /// Reads a query string's fields (`du`, `au`, `pas`, `commune`, `niveau`, `guichet`, `limite`); missing dates
    /// default to the last twelve months up to `aujourdhui`. Throws a French message naming the bad field.
    public init(parametres p: [String: String], aujourdhui: Jour) throws(ErreurRequetePilotage) {
        func jour(_ nom: String) throws(ErreurRequetePilotage) -> Jour? {
            guard let v = p[nom], !v.isEmpty else { return nil }
            guard let j = Jour(iso: v) else { throw ErreurRequetePilotage(champ: nom, message: "« \(nom) » doit être une date AAAA-MM-JJ.") }
            return j
        }
        let au = try jour("au") ?? aujourdhui
        let du = try jour("du") ?? au.ajoutant(mois: -12).ajoutant(jours: 1)
        guard du <= au else { throw ErreurRequetePilotage(champ: "du", message: "La période commence (\(du)) après sa fin (\(au)).") }
        guard du.jours(jusqua: au) <= 366 * 10 else { throw ErreurRequetePilotage(champ: "du", message: "La période dépasse dix ans.") }
        var pas = Pas.mois
        if let v = p["pas"], !v.isEmpty {
            guard let x = Pas(rawValue: v) else { throw ErreurRequetePilotage(champ: "pas", message: "« pas » vaut jour, semaine ou mois.") }
            pas = x
        }
        var niveau: Niveau?
        if let v = p["niveau"], !v.isEmpty {
            guard let n = Int(v).flatMap(Niveau.init(rawValue:)) else { throw ErreurRequetePilotage(champ: "niveau", message: "« niveau » vaut 1, 2 ou 3.") }
            niveau = n
        }
        var limite = 100
        if let v = p["limite"], !v.isEmpty {
            guard let l = Int(v), (0...100_000).contains(l) else { throw ErreurRequetePilotage(champ: "limite", message: "« limite » est un entier de 0 à 100000.") }
            limite = l
        }
        func texte(_ nom: String) throws(ErreurRequetePilotage) -> String? {
            guard let v = p[nom]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            guard v.count <= 20, v.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw ErreurRequetePilotage(champ: nom, message: "« \(nom) » n'est pas un code valide.")
            }
            return v.uppercased()
        }
        self.init(du: du, au: au, pas: pas, commune: try texte("commune"), niveau: niveau, guichet: try texte("guichet"), limiteListe: limite)
    }

    /// The query string of this request (for links, CSV downloads and shared views).
    public var parametres: [(String, String)] {
        var p = [("du", du.description), ("au", au.description), ("pas", pas.rawValue)]
        if let commune { p.append(("commune", commune)) }
        if let niveau { p.append(("niveau", String(niveau.rawValue))) }
        if let guichet { p.append(("guichet", guichet)) }
        return p
    }
}

public struct ErreurRequetePilotage: Error, Sendable, Hashable {
    public var champ: String
    public var message: String
}
