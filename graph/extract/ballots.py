def extract_ballots(doc, blocks, meeting, config):
    return []
