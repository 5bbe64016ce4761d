package dev.mnemo.encoder.internal.tensor;

/**
 * A right-hand matrix {@code [k, n]} in the layout the product kernels read: columns in panels of
 * {@link #width()} (16 or 32), each panel k-major ({@code panel[k * width + j]}), the last panel
 * padded with zeros. The width is the kernels' choice ({@link Kernels#panelWidth()}): two vectors of
 * the machine's widest species. Reusable: {@link #reshape} grows the buffer only when needed.
 */
public final class Packed {
  final int width;
  float[] data;
  int k;
  int n;

  public Packed(int width) {
    if (width != 16 && width != 32) {
      throw new IllegalArgumentException("panel width must be 16 or 32, not " + width);
    }
    this.width = width;
    this.data = new float[0];
  }

  public int k() {
    return k;
  }

  public int n() {
    return n;
  }

  public int width() {
    return width;
  }

  int panels() {
    return (n + width - 1) / width;
  }

  void reshape(int k, int n) {
    this.k = k;
    this.n = n;
    int size = k * panels() * width;
    if (data.length < size) {
      data = new float[size];
    }
  }

  /** The element at row {@code r}, column {@code c} of the matrix this holds. */
  public float get(int r, int c) {
    return data[(c / width) * k * width + r * width + c % width];
  }
}
