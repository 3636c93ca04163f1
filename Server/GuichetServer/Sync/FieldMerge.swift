import GuichetProtocol

/// Applies field changes to a demande's JSON tree. A change whose `old` no longer matches the server's value is
/// not applied: the server keeps its value and reports a conflict. Set-like fields merge by union instead:
/// additions and removals the device made are replayed on the server's current set.
enum FieldMerge {
    /// Fields that are sets (order carries no meaning) and merge by union.
    static let setLikePaths: Set<String> = ["motifs", "logementRecherche.typologies"]

    struct Result {
        var merged: JSONValue
        var appliedPaths: [String]
        var conflicts: [(path: String, serverValue: JSONValue, proposed: JSONValue)]
    }

    static func merge(current: JSONValue, changes: [FieldChange]) throws -> Result {
        var doc = current
        var applied: [String] = []
        var conflicts: [(String, JSONValue, JSONValue)] = []
        for change in changes {
            let now = doc[path: change.path]
            if setLikePaths.contains(change.path), case .array(let cur) = now.orEmptyArray,
                case .array(let old) = change.old.orEmptyArray, case .array(let new) = change.new.orEmptyArray {
                let added = new.filter { !old.contains($0) }
                let removed = old.filter { !new.contains($0) }
                var result = cur.filter { !removed.contains($0) }
                for a in added where !result.contains(a) { result.append(a) }
                if result != cur {
                    try doc.set(.array(result), at: change.path)
                    applied.append(change.path)
                }
            } else if now == change.old {
                if now != change.new {
                    try doc.set(change.new, at: change.path)
                    applied.append(change.path)
                }
            } else if now != change.new {
                conflicts.append((change.path, now, change.new))
            }
        }
        return Result(merged: doc, appliedPaths: applied, conflicts: conflicts)
    }
}

extension JSONValue {
    /// `null` read as an empty array, for set-like fields that were absent.
    var orEmptyArray: JSONValue { self == .null ? .array([]) : self }
}
