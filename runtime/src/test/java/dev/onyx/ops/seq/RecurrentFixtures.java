package dev.onyx.ops.seq;

/** Float fixtures for RecurrentTest, computed by a separate numpy implementation of the ONNX equations. */
final class RecurrentFixtures {
    private RecurrentFixtures() {}

    static final float[] LSTM_BI_X = {0.25f, 0.79f, 0.55f, -0.55f, -0.4f, 0.75f, -0.99f, 0.64f, 0.59f, -0.06f, -0.39f, -0.44f};
    static final float[] LSTM_BI_W = {-0.49f, -0.11f, 0.01f, 0.11f, 0.99f, 0.59f, 0.24f, 0.98f, -0.57f, -0.68f, 0.23f, -0.91f, -0.93f, 0.03f, -0.07f, 0.83f, 0.26f, 0.03f, -0.01f, -0.5f, -0.98f, -0.62f, 0.38f, -0.6f, -0.26f, -0.99f, 0.66f, -0.69f, -0.46f, 0.76f, 0.02f, 0.69f};
    static final float[] LSTM_BI_R = {0.28f, 0.48f, -0.82f, 0.08f, 0.02f, 0.74f, -0.28f, 0.2f, -0.88f, -0.22f, -0.35f, -0.7f, 0.63f, -0.24f, 0.96f, 0.18f, 0.21f, 0.28f, 0.35f, -0.7f, -0.12f, -0.52f, -0.2f, -0.81f, 0.94f, -0.57f, 0.34f, -0.4f, 0.75f, 0.32f, -0.74f, 0.69f};
    static final float[] LSTM_BI_B = {0.89f, 0.81f, 0.14f, -0.71f, -0.62f, 0.86f, 0.1f, -0.64f, 0.77f, 0.28f, 0.14f, -0.25f, -0.18f, -0.52f, -0.92f, 0.75f, -0.06f, 0.1f, -0.36f, 0.5f, -0.95f, -0.26f, -0.94f, -0.75f, 0.93f, 0.32f, -0.14f, 0.05f, 0.75f, -0.31f, 0.18f, 0.37f};
    static final float[] LSTM_BI_P = {-0.29f, 0.04f, 0.53f, 0.82f, -0.7f, 0.87f, -0.99f, 0.51f, 0.62f, -0.73f, -0.16f, 0.63f};
    static final float[] LSTM_BI_H0 = {-0.97f, 0.26f, 0.59f, 0.03f, 0.45f, -0.55f, -0.6f, -0.27f};
    static final float[] LSTM_BI_C0 = {-0.64f, -0.31f, 0.9f, 0.15f, -0.32f, -0.46f, 0.9f, -0.11f};
    static final float[] LSTM_BI_Y = {-0.5059551f, -0.1181886f, -0.2557232f, 0.04545216f, -0.08280834f, 0.02871219f, -0.0317006f, -0.2838025f, -0.3295369f, 0.05055972f, 0f, 0f, -0.1670297f, -0.1232042f, 0f, 0f, -0.4674447f, -0.04351997f, 0f, 0f, -0.1397368f, -0.5509287f, 0f, 0f};
    static final float[] LSTM_BI_YH = {-0.4674447f, -0.04351997f, -0.2557232f, 0.04545216f, -0.08280834f, 0.02871219f, -0.0317006f, -0.2838025f};
    static final float[] LSTM_BI_YC = {-1.297596f, -0.1516219f, -0.4840588f, 0.2232203f, -0.4613355f, 0.05073622f, -0.08626251f, -0.3501635f};
    static final float[] LSTM_IF_Y = {-0.04606508f, 0.06641434f, -0.04606508f, -0.01772178f, -0.05835562f, 0.08282153f, -0.005102591f, 0.02863342f, -0.07120239f, 0.02691827f, -0.02617136f, -0.006149506f};
    static final float[] LSTM_IF_YH = {-0.07120239f, 0.02691827f, -0.02617136f, -0.006149506f};
    static final float[] LSTM_IF_YC = {-0.2996437f, 0.1076731f, -0.1941507f, -0.05044738f};
    static final float[] GRU_REV_X = {0.25f, 0.79f, -0.4f, 0.75f, 0.59f, -0.06f, 0.55f, -0.55f, -0.99f, 0.64f, -0.39f, -0.44f};
    static final float[] GRU_REV_W = {0.96f, 0.03f, 0.04f, 0.79f, 0.49f, 0.16f, -0.15f, 0.76f, -0.18f, 0.85f, -0.86f, -0.14f};
    static final float[] GRU_REV_R = {0.04f, 0.9f, -0.5f, 0.61f, 0.35f, 0.43f, 0.26f, 0.94f, -0.33f, -0.2f, -0.59f, -0.9f};
    static final float[] GRU_REV_B = {-0.57f, 0.83f, 0.68f, -0.78f, 0.21f, -0.04f, 0.19f, 0.32f, -0.39f, 0.92f, -0.07f, 0.26f};
    static final float[] GRU_REV_H0 = {0.27f, -0.63f, -0.88f, -0.18f};
    static final float[] GRU_REV_Y = {0.5979378f, -0.2856412f, 0.5848252f, -0.2968738f, 0.1297482f, -0.507102f, 0.08506368f, -0.09389856f, 0.5267735f, 0.1244312f, -0.2342914f, 0.01416082f};
    static final float[] GRU_REV_YH = {0.5979378f, -0.2856412f, 0.08506368f, -0.09389856f};
    static final float[] GRU_FWD_Y = {0.5243794f, -0.4672867f, -0.5585971f, -0.09674831f, 0.6352446f, -0.2400857f, 0.4877195f, 0.03008818f, 0f, 0f, -0.008894067f, 0.1706914f};
    static final float[] GRU_FWD_YH = {0.6352446f, -0.2400857f, -0.008894067f, 0.1706914f};
    static final float[] RNN_BI_W = {0.53f, 0.63f, 0.46f, -0.77f, 0.83f, 0.6f, 0.76f, 0.05f};
    static final float[] RNN_BI_R = {0.83f, -0.91f, -0.94f, -0.96f, -0.49f, -0.5f, -0.62f, 0.13f};
    static final float[] RNN_BI_B = {-0.92f, 0.18f, -0.67f, 0.36f, -0.96f, -0.38f, 0.88f, 0.08f};
    static final float[] RNN_BI_Y = {-0.12f, 0.04670002f, -0.12f, 0.4f, 0.379949f, 0.007969624f, 0.2962234f, 0.1275873f, -0.12f, -0.0460596f, -0.12f, -0.12f, -0.2062309f, -0.379949f, -0.1406126f, -0.379949f, -0.12f, 0.4f, -0.12f, 0.4f, 0.3572238f, 0.1443839f, -0.379949f, -0.379949f};
    static final float[] RNN_BI_YH = {-0.12f, 0.4f, -0.12f, 0.4f, 0.379949f, 0.007969624f, 0.2962234f, 0.1275873f};
}
