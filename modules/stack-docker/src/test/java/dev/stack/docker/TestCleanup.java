package dev.stack.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Network;
import dev.stack.core.testing.DockerTestLabels;
import java.util.Map;

/** Removes what one test case made (containers, networks, volumes, images), found by its case label and nothing else. */
final class TestCleanup {

  private TestCleanup() {
  }

  static void removeAll(DockerClient docker, String caseId) {
    Map<String, String> mine = Map.of(DockerTestLabels.CASE, caseId);
    for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(mine).exec()) {
      ignoreGone(() -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
    }
    java.util.List<String> label = java.util.List.of(DockerTestLabels.CASE + "=" + caseId);
    for (Network n : docker.listNetworksCmd().withFilter("label", label).exec()) {
      ignoreGone(() -> docker.removeNetworkCmd(n.getId()).exec());
    }
    var volumes = docker.listVolumesCmd().withFilter("label", label).exec().getVolumes();
    for (var v : volumes == null ? java.util.List.<com.github.dockerjava.api.command.InspectVolumeResponse>of() : volumes) {
      ignoreGone(() -> docker.removeVolumeCmd(v.getName()).exec());
    }
    for (Image i : docker.listImagesCmd().withLabelFilter(mine).exec()) {
      ignoreGone(() -> docker.removeImageCmd(i.getId()).withForce(true).exec());
    }
  }

  private static void ignoreGone(Runnable removal) {
    try {
      removal.run();
    } catch (NotFoundException alreadyGone) {
      // removed meanwhile (auto-remove, a parallel cleanup): the goal is reached
    }
  }
}
