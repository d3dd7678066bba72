-- The components (partials) each prompt version pins, one row per pin, for impact analysis:
-- "which prompt versions pin component X?". The same pins are in prompt_versions.components.
CREATE TABLE version_components (
  project           TEXT    NOT NULL,
  prompt            TEXT    NOT NULL,
  version           INTEGER NOT NULL,
  component         TEXT    NOT NULL,
  component_version INTEGER NOT NULL,
  PRIMARY KEY (project, prompt, version, component),
  FOREIGN KEY (project, prompt, version) REFERENCES prompt_versions (project, prompt, version),
  FOREIGN KEY (project, component, component_version)
    REFERENCES prompt_versions (project, prompt, version)
);

CREATE INDEX version_components_by_component ON version_components (project, component);
