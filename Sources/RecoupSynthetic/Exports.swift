@_exported import RecoupPolicy
@_exported import RecoupSimulation
