import Foundation

/// A point d'accueil of the métropole's network (or a bailleur's or the métropole's own staff).
public struct Guichet: Sendable, Hashable, Codable {
    /// Five characters A–Z/0–9: it is embedded in the numéros uniques this guichet registers.
    public var code: String
    public var nom: String
    public var communeInsee: String
    public var niveau: Niveau
    public var type: TypeGuichet

    public init(code: String, nom: String, communeInsee: String, niveau: Niveau, type: TypeGuichet) {
        self.code = code
        self.nom = nom
        self.communeInsee = communeInsee
        self.niveau = niveau
        self.type = type
    }

    /// True for a five-character code of A–Z and 0–9.
    public static func codeEstValide(_ code: String) -> Bool {
        code.count == 5 && code.allSatisfy { $0.isASCII && ($0.isNumber || $0.isUppercase) }
    }

    /// Problems of a guichet definition (code, commune INSEE code, name), each with a French message.
    public var problemes: [ProblemeValidation] {
        var p: [ProblemeValidation] = []
        if !Guichet.codeEstValide(code) {
            p.append(.init(chemin: "code", code: "format", message: "Le code guichet doit compter 5 caractères A–Z ou 0–9 (il entre dans le numéro unique)."))
        }
        if nom.trimmingCharacters(in: .whitespaces).isEmpty {
            p.append(.init(chemin: "nom", code: "obligatoire", message: "Le nom du guichet est obligatoire."))
        }
        if !CodeInsee.estValide(communeInsee) {
            p.append(.init(chemin: "communeInsee", code: "format", message: "Code INSEE de commune invalide : « \(communeInsee) »."))
        }
        return p
    }
}

/// Service level chosen by a point d'accueil (Grenoble-Alpes Métropole, 2016).
public enum Niveau: Int, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case un = 1, deux = 2, trois = 3
    public static func < (a: Niveau, b: Niveau) -> Bool { a.rawValue < b.rawValue }
}

/// What kind of organisation runs the point.
public enum TypeGuichet: String, Sendable, Hashable, Codable, CaseIterable {
    /// A commune's reception desk (mairie, CCAS).
    case communal
    /// A bailleur social: registers demandes and publishes offers.
    case bailleur
    /// Métropole staff: pilotage, matching, conflicts; sees every demande.
    case metropole
    /// A mobile permanence held by métropole staff in a small commune, often offline.
    case permanenceMobile
}

/// INSEE commune codes: five characters, département first (2A/2B for Corsica).
public enum CodeInsee {
    public static func estValide(_ code: String) -> Bool {
        guard code.count == 5 else { return false }
        let c = Array(code)
        let dep = String(c[0..<2])
        guard dep == "2A" || dep == "2B" || c[0..<2].allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return c[2..<5].allSatisfy { $0.isASCII && $0.isNumber }
    }
}
