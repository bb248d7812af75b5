package org.sparsemixerlab.magics;

import ai.djl.engine.Engine;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.sparsemixerlab.model.DeviceOption;

/** {@code %device [auto|cpu|gpu|gpu:N]} shows or chooses the device of {@code %train}; {@code %seed [N]} the seed. */
public final class DeviceMagic {

    static final MagicSpec DEVICE = MagicSpec.line("device", "[auto|cpu|gpu|gpu:N]", "Show or choose the training device");
    static final MagicSpec SEED = MagicSpec.line("seed", "[N]", "Show or set the seed of %train and the engine");

    private DeviceMagic() {
    }

    public static Object device(BaseKernel kernel, LabState session, List<String> args) {
        MagicArgs a = DEVICE.parse(args);
        if (a.words().size() > 1) {
            throw new MagicUsageException("%device takes one of auto, cpu, gpu, gpu:N; got " + a.words());
        }
        if (a.words().size() == 1) {
            DeviceOption d;
            try {
                d = DeviceOption.parse(a.words().get(0));
            } catch (IllegalArgumentException e) {
                throw new MagicUsageException(e.getMessage());
            }
            session.device(d);
        }
        DeviceOption d = session.device();
        Engine e = Engine.getInstance();
        System.out.println("device: " + d.device() + " (requested " + d.requested() + ")"
                + (d.fellBack() ? "; " + d.note() : "") + "; engine " + e.getEngineName() + " " + e.getVersion()
                + ", GPUs visible: " + e.getGpuCount());
        return d;
    }

    public static Object seed(BaseKernel kernel, LabState session, List<String> args) {
        MagicArgs a = SEED.parse(args);
        if (a.words().size() > 1) {
            throw new MagicUsageException("%seed takes one whole number, got " + a.words());
        }
        if (a.words().size() == 1) {
            long s;
            try {
                s = Long.parseLong(a.words().get(0));
            } catch (NumberFormatException ex) {
                throw new MagicUsageException("%seed expects a whole number, got '" + a.words().get(0) + "'");
            }
            session.seed(s);
            Engine.getInstance().setRandomSeed((int) s);
        }
        System.out.println(session.seed() == null ? "seed: each config's own seed (set one with %seed N)"
                : "seed: " + session.seed() + " (used by %train and set on the engine)");
        return session.seed();
    }
}
