/// A French description of a JSON decoding error naming the field, without echoing its value (it may be
/// personal). Shared by the server (400 problems) and the client (refused input files).
public enum DecodingDescription {
    public static func describe(_ error: DecodingError) -> String {
        func path(_ p: [any CodingKey]) -> String {
            let s = p.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return s.isEmpty ? "(racine)" : String(s.drop { $0 == "." })
        }
        switch error {
        case .dataCorrupted(let c):
            return c.codingPath.isEmpty ? "JSON mal formé." : "Valeur invalide pour « \(path(c.codingPath)) »."
        case .keyNotFound(let key, let c): return "Champ obligatoire absent : « \(path(c.codingPath + [key])) »."
        case .typeMismatch(let t, let c): return "Type incorrect pour « \(path(c.codingPath)) » (attendu \(t))."
        case .valueNotFound(let t, let c): return "Valeur manquante pour « \(path(c.codingPath)) » (attendu \(t))."
        @unknown default: return "JSON invalide."
        }
    }
}
