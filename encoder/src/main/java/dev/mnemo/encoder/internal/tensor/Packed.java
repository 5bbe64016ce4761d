package dev.mnemo.encoder.internal.tensor;

/**
 * A right-hand matrix {@code [k, n]} in the layout the product kernels read: columns in panels of
 * {@value #WIDTH}, each panel k-major ({@code panel[k * 16 + j]}), the last panel padded with zeros.
 * Reusable: {@link #reshape} grows the buffer only when needed.
 */
public final class Packed {
  public static final int WIDTH = 16;

  float[] data;
  int k;
  int n;

  public Packed() {
    this.data = new float[0];
  }

  public int k() {
    return k;
  }

  public int n() {
    return n;
  }

  int panels() {
    return (n + WIDTH - 1) / WIDTH;
  }

  void reshape(int k, int n) {
    this.k = k;
    this.n = n;
    int size = k * panels() * WIDTH;
    if (data.length < size) {
      data = new float[size];
    }
  }

  /** The element at row {@code r}, column {@code c} of the matrix this holds. */
  public float get(int r, int c) {
    return data[(c / WIDTH) * k * WIDTH + r * WIDTH + c % WIDTH];
  }
}
