@_exported import RecoupPolicy
