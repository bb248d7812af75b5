package org.sparsemixerlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.model.PretrainingModel;
import org.sparsemixerlab.train.TrainingSettings;

class InterleavedTrainingTest {

    @Test
    void everyContenderGetsOneTimedSampleRepetitionAndItsParametersChange() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<InterleavedTraining.Contender> contenders = new ArrayList<>();
            List<float[]> before = new ArrayList<>();
            for (String name : List.of("bert-tiny", "sparse-mixer-tiny")) {
                ModelConfig c = Presets.get(name);
                NDManager own = manager.newSubManager();
                PretrainingModel model = new PretrainingModel(c);
                var in = new SyntheticPretrainingBatches(c, 2, 1).next().toNDList(own);
                model.initialize(own, DataType.FLOAT32, in.get(0).getShape(), in.get(1).getShape(),
                        in.get(2).getShape(), in.get(3).getShape());
                before.add(model.getParameters().get(0).getValue().getArray().toFloatArray());
                contenders.add(new InterleavedTraining.Contender(name, c, model, own, 2));
            }
            List<Measurement> m = InterleavedTraining.measure(contenders, TrainingSettings.defaults(1), 1, 3);
            assertEquals(List.of("bert-tiny", "sparse-mixer-tiny"), m.stream().map(Measurement::name).toList());
            for (int i = 0; i < m.size(); i++) {
                assertEquals(3, m.get(i).samplesMs().length);
                assertTrue(m.get(i).minMs() > 0, "every timed step has a positive time");
                assertEquals(2L * 64, m.get(i).tokens());
                float[] after = contenders.get(i).model().getParameters().get(0).getValue().getArray().toFloatArray();
                assertTrue(!java.util.Arrays.equals(before.get(i), after), "4 AdamW updates moved the weights");
            }
        }
    }

    @Test
    void withAccumulationAStepIsSeveralMicroBatchesAndOneUpdate() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelConfig c = Presets.get("sparse-mixer-tiny");
            List<InterleavedTraining.Contender> contenders = new ArrayList<>();
            for (String name : List.of("a", "b")) {
                NDManager own = manager.newSubManager();
                PretrainingModel model = new PretrainingModel(c);
                var in = new SyntheticPretrainingBatches(c, 2, 1).next().toNDList(own);
                model.initialize(own, DataType.FLOAT32, in.get(0).getShape(), in.get(1).getShape(),
                        in.get(2).getShape(), in.get(3).getShape());
                contenders.add(new InterleavedTraining.Contender(name, c, model, own, 2));
            }
            List<Measurement> m = InterleavedTraining.measure(contenders,
                    TrainingSettings.defaults(1).withAccumulation(3), 0, 2);
            for (Measurement x : m) {
                assertEquals(2, x.samplesMs().length);
                assertEquals(2L * 3 * 64, x.tokens(), "a step covers 3 micro-batches of 2 sequences");
                assertTrue(x.minMs() > 0);
            }
        }
    }

    @Test
    void turnsGoRoundRobinAndSkipPartiesThatLeft() throws InterruptedException {
        Turnstile t = new Turnstile(3);
        t.await(0);
        t.pass(0);
        t.await(1);
        t.leave(2);
        t.pass(1);
        t.await(0);
        assertThrows(IllegalStateException.class, () -> t.pass(1));
    }
}
