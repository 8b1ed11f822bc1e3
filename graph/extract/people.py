def extract_people_facts(doc, blocks, meeting, config):
    return []
