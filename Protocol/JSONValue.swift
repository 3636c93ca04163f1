import Foundation

/// A JSON value, used for field-level changes (`FieldChange`) and conflicts, where the value's type depends on
/// the field path.
public enum JSONValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n):
            if n == n.rounded(), abs(n) < 1e15 { try c.encode(Int64(n)) } else { try c.encode(n) }
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    public var description: String {
        guard let data = try? JSONValue.encoder.encode(self) else { return "?" }
        return String(decoding: data, as: UTF8.self)
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    /// The JSON tree of an encodable value.
    public init(encoding value: some Encodable) throws {
        let data = try WireCoding.encoder.encode(value)
        self = try WireCoding.decoder.decode(JSONValue.self, from: data)
    }

    /// Decodes this tree as `T`.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try WireCoding.decoder.decode(T.self, from: WireCoding.encoder.encode(self))
    }

    /// The value at a dotted path (`demandeur.nir`, `communes[0]`); `.null` when absent.
    public subscript(path path: String) -> JSONValue {
        var cur = self
        for key in JSONValue.segments(path) {
            switch (cur, key) {
            case (.object(let o), .key(let k)): cur = o[k] ?? .null
            case (.array(let a), .index(let i)) where a.indices.contains(i): cur = a[i]
            default: return .null
            }
        }
        return cur
    }

    /// Sets the value at a dotted path, creating objects on the way; fails on an out-of-range index.
    public mutating func set(_ value: JSONValue, at path: String) throws {
        self = try JSONValue.setting(value, in: self, at: JSONValue.segments(path)[...], path: path)
    }

    enum Segment: Equatable { case key(String), index(Int) }

    static func segments(_ path: String) -> [Segment] {
        var out: [Segment] = []
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var indexes: [Int] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "["), let i = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) {
                indexes.insert(i, at: 0)
                name = name[..<open]
            }
            if !name.isEmpty { out.append(.key(String(name))) }
            out.append(contentsOf: indexes.map(Segment.index))
        }
        return out
    }

    static func setting(_ value: JSONValue, in node: JSONValue, at segs: ArraySlice<Segment>, path: String) throws -> JSONValue {
        guard let first = segs.first else { return value }
        switch (node, first) {
        case (.object(var o), .key(let k)):
            let child = try setting(value, in: o[k] ?? .null, at: segs.dropFirst(), path: path)
            if child == .null { o.removeValue(forKey: k) } else { o[k] = child }
            return .object(o)
        case (.null, .key(let k)):
            let child = try setting(value, in: .null, at: segs.dropFirst(), path: path)
            return child == .null ? .null : .object([k: child])
        case (.array(var a), .index(let i)) where a.indices.contains(i):
            a[i] = try setting(value, in: a[i], at: segs.dropFirst(), path: path)
            return .array(a)
        default:
            throw JSONPathError(path: path)
        }
    }
}

/// A path that does not fit the document's shape.
public struct JSONPathError: Error, Sendable, Hashable {
    public let path: String
}

/// The JSON coders every wire type uses: ISO-8601 dates with milliseconds, sorted keys (stable digests).
public enum WireCoding {
    public static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted)))
        }
        return e
    }()

    public static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let text = try c.decode(String.self)
            if let date = try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted)) { return date }
            if let date = try? Date(text, strategy: .iso8601) { return date }
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "date ISO 8601 attendue, reçu « \(text) »")
        }
        return d
    }()
}
