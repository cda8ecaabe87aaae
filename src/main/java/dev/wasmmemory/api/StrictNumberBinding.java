package dev.wasmmemory.api;

import java.beans.PropertyEditorSupport;
import java.util.regex.Pattern;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Whole-number query parameters are plain decimal digits. Spring's default editors also take {@code
 * 0x10}, {@code #10} and {@code +1}; a client that sends those has a bug we report (400), not guess
 * at. An editor, not a converter: Spring falls back to its default editors when a converter refuses
 * a value.
 */
@ControllerAdvice
class StrictNumberBinding {
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+");

  @InitBinder
  void decimalWholeNumbers(WebDataBinder binder) {
    binder.registerCustomEditor(long.class, new DecimalLongEditor(false));
    binder.registerCustomEditor(Long.class, new DecimalLongEditor(true));
  }

  private static final class DecimalLongEditor extends PropertyEditorSupport {
    private final boolean allowEmpty;

    DecimalLongEditor(boolean allowEmpty) {
      this.allowEmpty = allowEmpty;
    }

    @Override
    public void setAsText(String text) {
      if (allowEmpty && (text == null || text.isEmpty())) {
        setValue(null);
      } else if (text != null && DECIMAL.matcher(text).matches()) {
        setValue(Long.valueOf(text));
      } else {
        throw new IllegalArgumentException("not a decimal whole number: " + text);
      }
    }
  }
}
